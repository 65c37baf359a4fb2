using BackupFleet.Server.Data;

namespace BackupFleet.Server.Features.Notifications.Sending;

/// <summary>Sends a message the way its rule says: by e-mail or to its webhook.</summary>
public sealed class MessageChannels(WebhookPoster webhooks, EmailComposer email)
{
    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct) => message.Rule.Channel switch
    {
        NotificationChannel.Email => email.SendAsync(message, ct),
        _ => webhooks.PostAsync(message, ct),
    };
}
