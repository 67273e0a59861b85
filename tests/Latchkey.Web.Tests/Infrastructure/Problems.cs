using System.Net.Http.Json;
using System.Text.Json;

namespace Latchkey.Web.Tests.Infrastructure;

public static class Problems
{
    /// <summary>Reads an RFC 9457 answer and checks its media type and the <c>code</c> member.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string expectedCode)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Content.Headers.ContentType.ShouldNotBeNull("a problem answer must say its media type");
        response.Content.Headers.ContentType.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe(expectedCode);
        problem.GetProperty("status").GetInt32().ShouldBe((int)response.StatusCode);
        return problem;
    }
}
