using System.Security.Claims;
using BackupFleet.Server.Features.Auth;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Server;

/// <summary>
/// OpenID Connect sign-in cannot be exercised here (no provider is reachable): these prove the settings are checked at start,
/// the scheme is wired when they are right, the sign-in page offers it, and the groups map to roles.
/// </summary>
public sealed class OidcConfigurationTests
{
    private static OidcOptions Valid() => new()
    {
        Authority = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0", ClientId = "backupfleet",
        ClientSecret = "secret", DisplayName = "Contoso Entra ID", AdminGroups = ["bf-admins"], OperatorGroups = ["bf-operators"], ViewerGroups = ["it-staff"],
    };

    private static Dictionary<string, string?> Settings(OidcOptions o) => new()
    {
        ["Oidc:Authority"] = o.Authority, ["Oidc:ClientId"] = o.ClientId, ["Oidc:ClientSecret"] = o.ClientSecret, ["Oidc:DisplayName"] = o.DisplayName,
        ["Oidc:AdminGroups:0"] = "bf-admins", ["Oidc:OperatorGroups:0"] = "bf-operators", ["Oidc:ViewerGroups:0"] = "it-staff",
    };

    [Fact]
    public void Switched_off_by_default_and_then_nothing_is_required() => Assert.Empty(new OidcOptions().Problems());

    [Theory]
    [InlineData("http://login.example.com", "Oidc:Authority")]
    [InlineData("not a url", "Oidc:Authority")]
    public void A_provider_not_on_https_is_refused_naming_the_key(string authority, string key) =>
        Assert.Contains(Valid().With(o => o.Authority = authority).Problems(), p => p.StartsWith(key, StringComparison.Ordinal));

    [Fact]
    public void Missing_client_settings_and_no_group_mapping_are_each_named()
    {
        var problems = new OidcOptions { Authority = "https://idp.example.com" }.Problems();

        Assert.Contains(problems, p => p.StartsWith("Oidc:ClientId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Oidc:ClientSecret", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Oidc:AdminGroups", StringComparison.Ordinal));
    }

    [Fact]
    public void The_highest_mapped_group_decides_the_role_and_no_mapped_group_lets_nobody_in()
    {
        var o = Valid();
        ClaimsPrincipal User(params string[] groups) => new(new ClaimsIdentity([new Claim("sub", "u1"), new Claim("preferred_username", "ann@contoso.com"),
            .. groups.Select(g => new Claim("groups", g))], "oidc"));

        Assert.True(o.Principal(User("it-staff", "BF-ADMINS"), "Cookies")!.IsInRole(Roles.Admin));
        Assert.True(o.Principal(User("it-staff"), "Cookies")!.IsInRole(Roles.Viewer));
        Assert.Equal("ann@contoso.com", o.Principal(User("bf-operators"), "Cookies")!.Identity!.Name);
        Assert.Null(o.Principal(User("marketing"), "Cookies"));
    }

    [Fact]
    public async Task A_server_with_wrong_settings_does_not_start_and_says_which()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestServer.StartAsync(new Dictionary<string, string?> { ["Oidc:Authority"] = "http://idp.example.com" }));

        Assert.Contains("Oidc:Authority must be the provider's https address", error.Message);
    }

    [Fact]
    public async Task With_right_settings_the_scheme_is_wired_and_the_sign_in_page_offers_it()
    {
        await using var server = await TestServer.StartAsync(Settings(Valid()));

        var scheme = await server.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OidcOptions.Scheme);
        Assert.Equal("Contoso Entra ID", scheme?.DisplayName);
        var login = await server.CreateClient(apiKey: null).GetStringAsync("/login");
        Assert.Contains("Sign in with Contoso Entra ID", login);
    }
}

internal static class OidcOptionsTestExtensions
{
    public static OidcOptions With(this OidcOptions o, Action<OidcOptions> change)
    {
        change(o);
        return o;
    }
}
