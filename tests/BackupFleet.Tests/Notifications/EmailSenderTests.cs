using System.Net;
using System.Net.Sockets;
using BackupFleet.Server.Features.Notifications.Email;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackupFleet.Tests.Notifications;

/// <summary>E-mail goes through a real SMTP server (aiosmtpd); each way it can fail says what to change, naming the server.</summary>
public sealed class EmailSenderTests
{
    private const string From = "BackupFleet <backup@fleet.example>";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static EmailSender Sender(int port, SmtpSecurity security, string? user = null, string? password = null, string? pin = null) =>
        new(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = port, Security = security, Username = user, Password = password, From = From,
            TrustedCertificateThumbprint = pin, Timeout = TimeSpan.FromSeconds(10),
        }), NullLogger<EmailSender>.Instance);

    [Fact]
    public async Task Starttls_with_a_login_and_the_pinned_certificate_delivers_the_message_as_sent()
    {
        await using var smtp = await SmtpReceiver.StartAsync(tls: true, "fleet", "s3cret");
        // Pinned as an administrator may paste it: lower case, in pairs separated by ':'.
        var pin = string.Join(':', smtp.Thumbprint!.ToLowerInvariant().Chunk(2).Select(c => new string(c)));

        await Sender(smtp.Port, SmtpSecurity.StartTls, "fleet", "s3cret", pin).SendAsync(
            ["ops@example.com", "Night Shift <night@example.com>"], "NAS01: backup failed", "The run failed: disk full.", "<p>The run <b>failed</b>: disk full.</p>",
            CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("BackupFleet", "backup@fleet.example"), (from.Name, from.Address));
        Assert.Equal(["ops@example.com", "night@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Night Shift", message.To.Mailboxes.Last().Name);
        Assert.Equal("NAS01: backup failed", message.Subject);
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
        Assert.Equal("The run failed: disk full.", message.TextBody?.TrimEnd());
        Assert.Equal("<p>The run <b>failed</b>: disk full.</p>", message.HtmlBody?.TrimEnd());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_naming_the_server_and_nothing_arrives()
    {
        await using var smtp = await SmtpReceiver.StartAsync(tls: true, "fleet", "s3cret");

        var refused = await Assert.ThrowsAsync<EmailSendException>(() =>
            Sender(smtp.Port, SmtpSecurity.StartTls, "fleet", "wrong", smtp.Thumbprint).SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));

        Assert.StartsWith($"The SMTP server 127.0.0.1:{smtp.Port} refused the user name or password (", refused.Message);
        Assert.Contains("535", refused.Message);
        Assert.Equal(0, smtp.ReceivedCount);
    }

    [Fact]
    public async Task A_self_signed_certificate_without_a_pin_is_refused_with_its_thumbprint_to_pin()
    {
        await using var smtp = await SmtpReceiver.StartAsync(tls: true);

        var refused = await Assert.ThrowsAsync<EmailSendException>(() =>
            Sender(smtp.Port, SmtpSecurity.StartTls).SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));

        Assert.StartsWith($"The certificate of the SMTP server 127.0.0.1:{smtp.Port} is not trusted (", refused.Message);
        Assert.Contains($"set Notifications:Smtp:TrustedCertificateThumbprint to {smtp.Thumbprint} ", refused.Message);
        Assert.Equal(0, smtp.ReceivedCount);
    }

    [Fact]
    public async Task A_pin_of_another_certificate_is_refused_too()
    {
        await using var smtp = await SmtpReceiver.StartAsync(tls: true);

        var refused = await Assert.ThrowsAsync<EmailSendException>(() =>
            Sender(smtp.Port, SmtpSecurity.StartTls, pin: new string('A', 64)).SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));

        Assert.Contains("its SHA-256 is not Notifications:Smtp:TrustedCertificateThumbprint", refused.Message);
        Assert.Contains(smtp.Thumbprint!, refused.Message);
    }

    [Fact]
    public async Task Starttls_is_required_never_skipped_when_the_server_does_not_offer_it()
    {
        await using var smtp = await SmtpReceiver.StartAsync(tls: false);

        var refused = await Assert.ThrowsAsync<EmailSendException>(() =>
            Sender(smtp.Port, SmtpSecurity.StartTls).SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));

        Assert.Equal($"The SMTP server 127.0.0.1:{smtp.Port} does not offer STARTTLS; set Notifications:Smtp:Security to SslOnConnect (if it expects TLS "
            + "from the start, usually port 465) or None (plain text, only for a relay on a trusted network).", refused.Message);
        Assert.Equal(0, smtp.ReceivedCount);
    }

    [Fact]
    public async Task A_server_that_requires_a_login_says_so_when_none_is_set()
    {
        await using var smtp = await SmtpReceiver.StartAsync(tls: false, "fleet", "s3cret");

        var refused = await Assert.ThrowsAsync<EmailSendException>(() =>
            Sender(smtp.Port, SmtpSecurity.None).SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));

        Assert.Equal($"The SMTP server 127.0.0.1:{smtp.Port} requires logging in (5.7.0 Authentication required); set Notifications:Smtp:Username and Password.",
            refused.Message);
        Assert.Equal(0, smtp.ReceivedCount);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_cannot_be_reached()
    {
        var port = LocalMachine.FreePort();

        var refused = await Assert.ThrowsAsync<EmailSendException>(() =>
            Sender(port, SmtpSecurity.StartTls).SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));

        Assert.StartsWith($"Could not reach the SMTP server 127.0.0.1:{port}: connection refused", refused.Message);
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_but_never_answers_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // takes the connection, never sends the greeting
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = new SmtpOptions { Host = "127.0.0.1", Port = port, From = From, Timeout = TimeSpan.FromSeconds(1) };

        var refused = await Assert.ThrowsAsync<EmailSendException>(() => new EmailSender(Options.Create(options), NullLogger<EmailSender>.Instance)
            .SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));

        Assert.Equal($"The SMTP server 127.0.0.1:{port} did not answer within 1 s (while trying to connect); check that it is reachable from here, "
            + "or raise Notifications:Smtp:Timeout.", refused.Message);
    }

    [Fact]
    public async Task Plain_text_without_a_login_delivers_when_Security_is_None()
    {
        await using var smtp = await SmtpReceiver.StartAsync(tls: false);

        await Sender(smtp.Port, SmtpSecurity.None).SendAsync(["ops@example.com"], "Plain", "Only text.", null, CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal("Plain", message.Subject);
        Assert.Equal("text/plain", message.Body!.ContentType.MimeType);
        Assert.Equal("Only text.", message.TextBody?.TrimEnd());
        Assert.Null(message.HtmlBody);
    }

    [Fact]
    public async Task Sending_without_a_host_is_a_programming_error()
    {
        var sender = new EmailSender(Options.Create(new SmtpOptions()), NullLogger<EmailSender>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(["ops@example.com"], "s", "t", null, CancellationToken.None));
    }
}

/// <summary>SMTP settings that could not work are named with what to fix; recipients are checked one address at a time.</summary>
public sealed class SmtpOptionsTests
{
    private static SmtpOptions Usable() => new()
    {
        Host = "smtp.example.com", Port = 587, Username = "fleet", Password = "s3cret", From = "BackupFleet <backup@example.com>",
        TrustedCertificateThumbprint = "ab:CD " + new string('0', 60),
    };

    [Fact]
    public void Usable_settings_have_no_problems() => Assert.Empty(Usable().Problems());

    [Fact]
    public void Without_a_host_e_mail_is_off_and_nothing_else_is_checked()
    {
        var options = new SmtpOptions { Port = 0, Username = "only-a-name" };

        Assert.False(options.IsConfigured);
        Assert.Empty(options.Problems());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("backup")]
    [InlineData("not an address")]
    public void A_missing_or_bad_sender_is_named(string? from)
    {
        var options = Usable();
        options.From = from;

        Assert.Equal(["Notifications:Smtp:From must be an e-mail address such as BackupFleet <backup@example.com>."], options.Problems());
    }

    [Fact]
    public void A_user_name_without_a_password_is_named()
    {
        var options = Usable();
        options.Password = null;

        Assert.Equal(["Notifications:Smtp:Username and Notifications:Smtp:Password go together: set both to log in, or neither."], options.Problems());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void A_port_out_of_range_is_named(int port)
    {
        var options = Usable();
        options.Port = port;

        Assert.Equal(["Notifications:Smtp:Port must be between 1 and 65535 (usually 587 for StartTls, 465 for SslOnConnect, 25 for None)."], options.Problems());
    }

    [Fact]
    public void A_bad_host_thumbprint_and_timeout_are_each_named()
    {
        var options = Usable();
        options.Host = "smtp://smtp.example.com:587";
        options.TrustedCertificateThumbprint = "12:34";
        options.Timeout = TimeSpan.Zero;

        Assert.Equal(
        [
            "Notifications:Smtp:Host must be a server name or address such as smtp.example.com, without smtp:// or a port (the port is Notifications:Smtp:Port).",
            "Notifications:Smtp:TrustedCertificateThumbprint must be the certificate's SHA-256 as 64 hex digits (':' and spaces allowed).",
            "Notifications:Smtp:Timeout must be positive, e.g. 00:00:30.",
        ], options.Problems());
    }

    [Theory]
    [InlineData("ops@example.com")]
    [InlineData("Night Shift <night@example.com>")]
    [InlineData("\"Ops, Team\" <ops@example.com>")]
    public void A_single_mailbox_is_an_address(string address) => Assert.Null(SmtpOptions.AddressProblem(address));

    [Theory]
    [InlineData("", "The e-mail address is empty.")]
    [InlineData("ops", "'ops' has no domain; write it as name@example.com.")]
    [InlineData("ops@", "'ops@' is not an e-mail address; write it as name@example.com or Name <name@example.com>.")]
    [InlineData("a@example.com, b@example.com", "'a@example.com, b@example.com' is not an e-mail address; write it as name@example.com or Name <name@example.com>.")]
    [InlineData("Ops <ops example.com>", "'Ops <ops example.com>' is not an e-mail address; write it as name@example.com or Name <name@example.com>.")]
    public void Anything_else_is_not_and_says_why(string address, string problem) => Assert.Equal(problem, SmtpOptions.AddressProblem(address));
}
