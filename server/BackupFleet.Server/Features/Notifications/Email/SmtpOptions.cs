using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace BackupFleet.Server.Features.Notifications.Email;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which is required: a server that does not offer it is an error, never a plain send.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>No encryption at all, for a relay on the same machine or a trusted network.</summary>
    None,
}

/// <summary>The SMTP server that e-mail notifications go through (settings section "Notifications:Smtp").</summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    /// <summary>The server's name or address; null when e-mail is not configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>With Password, to log in; neither when the server accepts mail without logging in.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. "BackupFleet &lt;backup@example.com&gt;".</summary>
    public string? From { get; set; }

    /// <summary>
    /// SHA-256 of the server's certificate, for an internal relay with a self-signed one: accepted when the usual chain check
    /// fails but this matches. Case, ':' and spaces do not matter.
    /// </summary>
    public string? TrustedCertificateThumbprint { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [MemberNotNullWhen(true, nameof(Host))]
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Every problem with the settings, in words that say what to fix; empty when they are usable or e-mail is not configured.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IsConfigured)
            return problems;
        if (Uri.CheckHostName(Host) == UriHostNameType.Unknown)
            problems.Add($"{Section}:Host must be a server name or address such as smtp.example.com, without smtp:// or a port (the port is {Section}:Port).");
        if (Port is < 1 or > 65535)
            problems.Add($"{Section}:Port must be between 1 and 65535 (usually 587 for StartTls, 465 for SslOnConnect, 25 for None).");
        if (!Enum.IsDefined(Security))
            problems.Add($"{Section}:Security must be StartTls, SslOnConnect or None.");
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
            problems.Add($"{Section}:Username and {Section}:Password go together: set both to log in, or neither.");
        if (string.IsNullOrWhiteSpace(From) || AddressProblem(From) is not null)
            problems.Add($"{Section}:From must be an e-mail address such as BackupFleet <backup@example.com>.");
        if (TrustedCertificateThumbprint is not null
            && NormalizeThumbprint(TrustedCertificateThumbprint) is var pin && (pin.Length != 64 || !pin.All(char.IsAsciiHexDigit)))
            problems.Add($"{Section}:TrustedCertificateThumbprint must be the certificate's SHA-256 as 64 hex digits (':' and spaces allowed).");
        if (Timeout <= TimeSpan.Zero)
            problems.Add($"{Section}:Timeout must be positive, e.g. 00:00:30.");
        return problems;
    }

    /// <summary>Null when <paramref name="address"/> is one mailbox such as "a@b.example" or "Name &lt;a@b.example&gt;"; otherwise what is wrong.</summary>
    public static string? AddressProblem(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return "The e-mail address is empty.";
        // TryParse also accepts a bare local part ("backup"); only a mailbox with a domain can be delivered to.
        if (!MailboxAddress.TryParse(address, out var mailbox))
            return $"'{address}' is not an e-mail address; write it as name@example.com or Name <name@example.com>.";
        var at = mailbox.Address.LastIndexOf('@');
        if (at <= 0 || at == mailbox.Address.Length - 1)
            return $"'{address}' has no domain; write it as name@example.com.";
        return null;
    }

    /// <summary>Upper-case hex without ':' or spaces, as X509Certificate.GetCertHashString gives it.</summary>
    public static string NormalizeThumbprint(string thumbprint) =>
        new string(thumbprint.Where(c => c is not (':' or ' ')).ToArray()).ToUpperInvariant();
}
