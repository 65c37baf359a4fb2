using System.Net;
using System.Text;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class HostTagsApiTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task Tags_are_stored_trimmed_once_each_in_the_order_given_and_replaced_as_a_whole()
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName("TAG"));

        var response = await _api.PutTagsAsync(host.HostId, new[] { " site:Berlin ", "customer ACME", "role.hyper-v", "SITE:berlin", "Zürich_2" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        List<string> expected = ["site:Berlin", "customer ACME", "role.hyper-v", "Zürich_2"];
        Assert.Equal(expected, (await response.ReadJsonAsync()).EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(expected, await _api.TagsAsync(host.HostId));

        Assert.Equal(HttpStatusCode.OK, (await _api.PutTagsAsync(host.HostId, new[] { "role:dc" })).StatusCode);
        Assert.Equal(["role:dc"], await _api.TagsAsync(host.HostId));
        Assert.Equal(HttpStatusCode.OK, (await _api.PutTagsAsync(host.HostId, Array.Empty<string>())).StatusCode);
        Assert.Empty(await _api.TagsAsync(host.HostId));
    }

    public static TheoryData<string, string> HostileTags => new()
    {
        { "<script>alert(1)</script>", "tags[1]" },
        { "x' OR '1'='1", "tags[1]" },
        { "50%", "tags[1]" },
        { "a/b", "tags[1]" },
        { "", "tags[1]" },
        { "   ", "tags[1]" },
        { "line\nbreak", "tags[1]" },
        { "nul\0", "tags[1]" },
        { "tab\there", "tags[1]" },
        { "🔥", "tags[1]" },
        { "\u202Eevil", "tags[1]" },
        { new string('a', 41), "tags[1]" },
    };

    [Theory]
    [MemberData(nameof(HostileTags))]
    public async Task A_bad_tag_is_refused_with_400_naming_it_and_nothing_is_stored(string bad, string field)
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName("TAG"));
        await _api.PutTagsAsync(host.HostId, new[] { "kept" });

        var response = await _api.PutTagsAsync(host.HostId, new[] { "fine", bad });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], (await response.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["kept"], await _api.TagsAsync(host.HostId));
    }

    [Fact]
    public async Task More_than_20_tags_a_null_tag_and_a_body_that_is_no_array_are_refused_and_nothing_is_stored()
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName("TAG"));
        await _api.PutTagsAsync(host.HostId, new[] { "kept" });

        var tooMany = await _api.PutTagsAsync(host.HostId, Enumerable.Range(1, 21).Select(i => $"t{i}").ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(["tags"], (await tooMany.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var withNull = await _api.PutTagsAsync(host.HostId, new[] { "fine", null });
        Assert.Equal(HttpStatusCode.BadRequest, withNull.StatusCode);
        Assert.Equal(["tags[1]"], (await withNull.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        foreach (var body in new[] { """{"tags":["a"]}""", "\"a\"", "[1, 2]", "[\"a\"", "null" })
        {
            var response = await _api.PutAsync($"/api/v1/hosts/{host.HostId}/tags", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(["kept"], await _api.TagsAsync(host.HostId));
    }

    [Fact]
    public async Task Tags_of_an_unknown_host_get_404()
    {
        var response = await _api.PutTagsAsync(Guid.NewGuid(), new[] { "site:x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_host_list_filters_by_every_tag_given_matched_exactly()
    {
        var prefix = FleetApi.UniqueHostName("TF")[..9];
        var berlinDc = await _api.EnrollAsync(prefix + "-A");
        var berlin = await _api.EnrollAsync(prefix + "-B");
        var paris = await _api.EnrollAsync(prefix + "-C");
        await _api.PutTagsAsync(berlinDc.HostId, new[] { "site:Berlin", "role:dc" });
        await _api.PutTagsAsync(berlin.HostId, new[] { "site:Berlin" });
        await _api.PutTagsAsync(paris.HostId, new[] { "site:Paris", "role:dc" });

        Assert.Equal([prefix + "-A", prefix + "-B"], await _api.HostNamesAsync($"search={prefix}&tag=site:Berlin"));
        Assert.Equal([prefix + "-A"], await _api.HostNamesAsync($"search={prefix}&tag=site:Berlin&tag=role:dc"));
        Assert.Empty(await _api.HostNamesAsync($"search={prefix}&tag=site:berlin"));

        var bad = await _api.GetAsync($"/api/v1/hosts?tag={Uri.EscapeDataString("<b>")}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["tag[0]"], (await bad.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
