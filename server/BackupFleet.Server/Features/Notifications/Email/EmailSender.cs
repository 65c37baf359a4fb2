using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackupFleet.Server.Features.Notifications.Email;

/// <summary>
/// Sends one e-mail through the SMTP server of <see cref="SmtpOptions"/>: a connection per message (notifications are few),
/// TLS as Security says, the certificate checked normally or against the pinned SHA-256. Every failure is an
/// <see cref="EmailSendException"/> that names the server and says what to change.
/// </summary>
public sealed class EmailSender(IOptions<SmtpOptions> options, ILogger<EmailSender> log)
{
    public async Task SendAsync(IReadOnlyList<string> to, string subject, string textBody, string? htmlBody, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.IsConfigured)
            throw new InvalidOperationException($"E-mail is not configured: set {SmtpOptions.Section}:Host.");
        ArgumentOutOfRangeException.ThrowIfZero(to.Count);
        var server = $"{o.Host}:{o.Port}";
        var message = Compose(o, to, subject, textBody, htmlBody);

        // What the certificate check saw, to say in the error why the certificate was refused and what to pin.
        string? thumbprint = null, refusal = null;
        using var client = new SmtpClient { Timeout = (int)Math.Clamp(o.Timeout.TotalMilliseconds, 1, int.MaxValue) };
        client.ServerCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            if (certificate is null)
                return false;
            thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            if (errors == SslPolicyErrors.None
                || o.TrustedCertificateThumbprint is { } pin && SmtpOptions.NormalizeThumbprint(pin) == thumbprint)
                return true;
            refusal = Describe(errors, chain, o);
            return false;
        };

        var step = "connect";
        try
        {
            await client.ConnectAsync(o.Host, o.Port, o.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls, // fails when STARTTLS is not offered, rather than going on in plain text
            }, ct);
            if (!string.IsNullOrEmpty(o.Username))
            {
                step = "log in";
                await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
            }
            step = "send";
            await client.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new EmailSendException(Explain(e, step, server, o, thumbprint, refusal), e);
        }

        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server has accepted the message: failing now would only make the caller send it twice.
            log.LogDebug("Closing the connection to the SMTP server {Server} failed: {Error}", server, e.Message);
        }
        log.LogInformation("Sent e-mail \"{Subject}\" to {Recipients} via {Server}", subject, string.Join(", ", to), server);
    }

    private static MimeMessage Compose(SmtpOptions o, IReadOnlyList<string> to, string subject, string textBody, string? htmlBody)
    {
        if (o.From is null || SmtpOptions.AddressProblem(o.From) is not null)
            throw new EmailSendException($"{SmtpOptions.Section}:From must be an e-mail address such as BackupFleet <backup@example.com>.");
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(o.From));
        foreach (var address in to)
        {
            if (SmtpOptions.AddressProblem(address) is { } problem)
                throw new EmailSendException($"Cannot send to {address}: {problem}");
            message.To.Add(MailboxAddress.Parse(address));
        }
        message.Body = new BodyBuilder { TextBody = textBody, HtmlBody = htmlBody }.ToMessageBody();
        return message;
    }

    private static string Describe(SslPolicyErrors errors, System.Security.Cryptography.X509Certificates.X509Chain? chain, SmtpOptions o)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            reasons.Add($"it is not issued for {o.Host}");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
            reasons.Add(statuses.Count > 0 ? "chain: " + string.Join(", ", statuses) : "its chain does not lead to a trusted CA");
        }
        if (o.TrustedCertificateThumbprint is not null)
            reasons.Add($"its SHA-256 is not {SmtpOptions.Section}:TrustedCertificateThumbprint");
        return reasons.Count > 0 ? string.Join("; ", reasons) : errors.ToString();
    }

    private static string Explain(Exception e, string step, string server, SmtpOptions o, string? thumbprint, string? refusal) => e switch
    {
        SslHandshakeException when refusal is not null =>
            $"The certificate of the SMTP server {server} is not trusted ({refusal}); install its CA on this server, "
            + $"or set {SmtpOptions.Section}:TrustedCertificateThumbprint to {thumbprint} if this is the certificate you expect.",
        SslHandshakeException =>
            $"The TLS handshake with the SMTP server {server} failed ({Innermost(e)}); check that {SmtpOptions.Section}:Security fits the port "
            + "(SslOnConnect is usually 465, StartTls 587).",
        SocketException s when step == "connect" => $"Could not reach the SMTP server {server}: {s.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused; check the host name and port, and that the server is running",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"the name {o.Host} was not found",
            SocketError.TimedOut => "no answer; a firewall may be dropping the connection",
            _ => s.Message,
        }}.",
        _ when Causes(e).Any(c => c is TimeoutException or OperationCanceledException) => // MailKit wraps a read timeout in an IOException
            $"The SMTP server {server} did not answer within {o.Timeout.TotalSeconds:0.#} s (while trying to {step}); check that it is reachable from here, "
            + $"or raise {SmtpOptions.Section}:Timeout.",
        NotSupportedException when step == "connect" && o.Security == SmtpSecurity.StartTls =>
            $"The SMTP server {server} does not offer STARTTLS; set {SmtpOptions.Section}:Security to SslOnConnect (if it expects TLS from the start, "
            + "usually port 465) or None (plain text, only for a relay on a trusted network).",
        NotSupportedException when step == "log in" =>
            $"The SMTP server {server} does not offer logging in (AUTH) on this connection; remove {SmtpOptions.Section}:Username and Password, "
            + "or use TLS if it only offers it after STARTTLS.",
        AuthenticationException =>
            $"The SMTP server {server} refused the user name or password ({e.Message}); check {SmtpOptions.Section}:Username and Password.",
        MailKit.ServiceNotAuthenticatedException =>
            $"The SMTP server {server} requires logging in ({e.Message}); set {SmtpOptions.Section}:Username and Password.",
        SmtpCommandException c => Refused(c, server, o),
        _ => $"Talking to the SMTP server {server} failed while trying to {step}: {Innermost(e)}",
    };

    private static string Refused(SmtpCommandException c, string server, SmtpOptions o)
    {
        var answer = $"{(int)c.StatusCode} {c.Message}";
        var hint = c.StatusCode == SmtpStatusCode.AuthenticationRequired
            ? $"; it requires logging in: set {SmtpOptions.Section}:Username and Password"
            : "";
        return c.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => $"The SMTP server {server} refused the sender {o.From} ({answer}){hint}.",
            SmtpErrorCode.RecipientNotAccepted => $"The SMTP server {server} refused the recipient {c.Mailbox} ({answer}){hint}.",
            _ => $"The SMTP server {server} refused the message ({answer}){hint}.",
        };
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
            yield return cause;
    }

    private static string Innermost(Exception e) => Causes(e).Last().Message;
}
