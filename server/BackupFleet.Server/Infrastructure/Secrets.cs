using System.Security.Cryptography;
using System.Text;

namespace BackupFleet.Server.Infrastructure;

/// <summary>Random tokens and their stored hashes. Generated tokens carry 256 bits, so a plain SHA-256 is enough to store them.</summary>
public static class Secrets
{
    public static string NewToken(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
