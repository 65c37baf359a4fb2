namespace BackupFleet.Server.Features.Notifications.Email;

/// <summary>An e-mail could not be sent; the message says why, names the SMTP server and, where it can, what to change.</summary>
public sealed class EmailSendException(string message, Exception? inner = null) : Exception(message, inner);
