using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Identomat.Sdk.Tests.Client;

/// <summary>Hand-written WireMock stubs of the vendor's documented responses.</summary>
public static class Stubs
{
    public static IRequestBuilder Post(string path) => Request.Create().WithPath("/external-api/" + path).UsingPost();

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    public static void Answer(this WireMockServer server, string path, IResponseBuilder response) =>
        server.Given(Post(path)).RespondWith(response);

    /// <summary>The first <paramref name="failures"/> calls get <paramref name="failure"/>, the next ones <paramref name="success"/>.</summary>
    public static void FailThenAnswer(this WireMockServer server, string path, int failures, IResponseBuilder failure, IResponseBuilder success)
    {
        var scenario = "fail-" + path;
        for (var i = 0; i < failures; i++)
        {
            var step = server.Given(Post(path)).InScenario(scenario);
            step = i == 0 ? step : step.WhenStateIs("s" + i);
            step.WillSetStateTo("s" + (i + 1)).RespondWith(failure);
        }

        server.Given(Post(path)).InScenario(scenario).WhenStateIs("s" + failures).RespondWith(success);
    }
}
