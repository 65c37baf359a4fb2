using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BackupFleet.Tests.Infrastructure;
using MimeKit;

namespace BackupFleet.Tests.Notifications;

/// <summary>
/// A real SMTP server (smtp_receiver.py on Debian's python3-aiosmtpd) on a free loopback port that saves what it accepts,
/// optionally with STARTTLS required (a self-signed certificate for 127.0.0.1) and logging in required.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    // Debian's interpreter: the python3 on PATH may be another one (pyenv) that lacks Debian's packages.
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _dir;
    private readonly StringBuilder _errors;

    public int Port { get; }

    /// <summary>SHA-256 of the server's certificate as upper-case hex; null without TLS.</summary>
    public string? Thumbprint { get; }

    private string Maildir => Path.Combine(_dir, "mail");

    /// <summary>How many messages the server has accepted so far.</summary>
    public int ReceivedCount => Directory.GetFiles(Maildir, "*.eml").Length;

    private SmtpReceiver(Process process, string dir, StringBuilder errors, int port, string? thumbprint) =>
        (_process, _dir, _errors, Port, Thumbprint) = (process, dir, errors, port, thumbprint);

    /// <param name="tls">Offer STARTTLS and require it.</param>
    /// <param name="user">Require logging in with this name and <paramref name="password"/>; null for no login.</param>
    public static async Task<SmtpReceiver> StartAsync(bool tls, string? user = null, string? password = null)
    {
        var port = LocalMachine.FreePort();
        var dir = Directory.CreateTempSubdirectory("bf-smtp-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "mail"));
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true, // the script stops when this closes, so it never outlives the tests
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Notifications", "smtp_receiver.py"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString());
        start.ArgumentList.Add("--maildir");
        start.ArgumentList.Add(Path.Combine(dir, "mail"));
        string? thumbprint = null;
        if (tls)
        {
            thumbprint = WriteCertificate(dir);
            start.ArgumentList.Add("--cert");
            start.ArgumentList.Add(Path.Combine(dir, "cert.pem"));
            start.ArgumentList.Add("--key");
            start.ArgumentList.Add(Path.Combine(dir, "key.pem"));
        }
        if (user is not null)
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(password ?? "");
        }

        var errors = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "READY")
                ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (errors)
                    errors.AppendLine(e.Data);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Directory.Delete(dir, recursive: true);
            throw new InvalidOperationException($"{Python} could not be started ({e.Message}); install python3-aiosmtpd (./build.sh test installs it).", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var receiver = new SmtpReceiver(process, dir, errors, port, thumbprint);

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first == ready.Task)
            return receiver;
        if (first == exited)
            await exited; // lets the last lines of stderr arrive
        var log = receiver.Errors();
        await receiver.DisposeAsync();
        if (log.Contains("No module named 'aiosmtpd'"))
            throw new InvalidOperationException($"{Python} cannot import aiosmtpd: install python3-aiosmtpd (./build.sh test installs it).");
        throw new InvalidOperationException(first == exited
            ? $"The SMTP receiver exited before it was ready: {log}"
            : $"The SMTP receiver was not ready within {StartTimeout.TotalSeconds} s: {log}");
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived; returns them all, in the order they arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var files = Directory.GetFiles(Maildir, "*.eml").Order(StringComparer.Ordinal).ToList();
            if (files.Count >= count)
                return files.Select(f => MimeMessage.Load(f)).ToList();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Expected {count} message(s) within {timeout.TotalSeconds} s but {files.Count} arrived. The server's log: {Errors()}");
            await Task.Delay(50);
        }
    }

    /// <returns>The certificate's SHA-256; writes cert.pem and key.pem into <paramref name="dir"/>.</returns>
    private static string WriteCertificate(string dir)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(dir, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private string Errors()
    {
        lock (_errors)
            return _errors.ToString().Trim();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
