using System.Net;
using System.Text.RegularExpressions;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>Signs in through the real login form (anti-forgery token and all) and keeps the session cookie, as a browser does.</summary>
public static partial class DashboardSession
{
    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A client carrying the session cookie, and where the form sent the browser (a path with ?failed= when refused).</summary>
    public static async Task<(HttpClient Client, string Location)> SignInAsync(TestServer server, string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var form = await client.GetStringAsync("/login");
        var match = AntiforgeryField().Match(form);
        Assert.True(match.Success, "The sign-in form has no anti-forgery token.");
        var token = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.Location!.ToString());
    }
}
