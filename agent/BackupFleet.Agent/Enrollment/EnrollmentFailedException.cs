using System.Net;

namespace BackupFleet.Agent.Enrollment;

/// <summary>The server answered the enrollment with an error; the message is ready to show to the administrator.</summary>
public sealed class EnrollmentFailedException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
