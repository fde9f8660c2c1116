using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Identomat.Sdk.Testing.WireMock;

/// <summary>
/// An <see cref="IdentomatFakeServer"/> served by WireMock.Net on a free loopback port: clients reach it over a real
/// socket at <see cref="BaseAddress"/>. <see cref="Server"/> is the WireMock server itself: add your own stubs (they
/// take priority over the fake's) and read its request log. Dispose it to stop the server.
/// </summary>
/// <example>
/// <code>
/// using var host = IdentomatWireMockServer.Start();
/// using var client = host.CreateClient();
/// var session = await client.BeginSessionAsync(flow);
/// host.Fake.CompleteSession(session.Token, FakeResults.Approved());
/// </code>
/// </example>
public sealed class IdentomatWireMockServer : IDisposable
{
    private readonly HttpMessageInvoker _toFake;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private IdentomatWireMockServer(IdentomatFakeServer fake)
    {
        Fake = fake;
        _toFake = new HttpMessageInvoker(fake.CreateHandler());
        Server = WireMockServer.Start();

        // The fake's stubs at the lowest priority, so that a test's own stubs win.
        Server.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(ForwardAsync));
    }

    /// <summary>The fake behind the socket: script results, media, faults and callbacks on it.</summary>
    public IdentomatFakeServer Fake { get; }

    /// <summary>The WireMock server: add stubs, read <c>LogEntries</c>.</summary>
    public WireMockServer Server { get; }

    /// <summary>The server API address: <c>http://localhost:{port}/external-api/</c>.</summary>
    public Uri BaseAddress => new(Server.Url + "/external-api/");

    /// <summary>The widget address the client's options point at (nothing is served there).</summary>
    public Uri WidgetBaseAddress => new(Server.Url + "/widget/");

    /// <summary>Starts a fake on a free loopback port.</summary>
    /// <param name="companyKey">The company key to accept.</param>
    /// <param name="secretKey">An HMAC key: when set, requests must be signed with it and answers are signed.</param>
    /// <param name="callbackApiKey">The key of the simulated callbacks.</param>
    /// <returns>The running server.</returns>
    public static IdentomatWireMockServer Start(string companyKey = IdentomatFakeServer.DefaultCompanyKey, string? secretKey = null, string callbackApiKey = IdentomatFakeServer.DefaultCallbackApiKey) =>
        new(IdentomatFakeServer.StartInProcess(companyKey, secretKey, callbackApiKey));

    /// <summary>Client settings pointing at this server over the socket (see <see cref="IdentomatFakeServer.CreateClientOptions"/>).</summary>
    /// <returns>New settings.</returns>
    public IdentomatClientOptions CreateClientOptions()
    {
        var options = Fake.CreateClientOptions();
        options.BaseAddress = BaseAddress;
        options.WidgetBaseAddress = WidgetBaseAddress;
        return options;
    }

    /// <summary>A client of this server over a socket.</summary>
    /// <param name="configure">Changes the settings of <see cref="CreateClientOptions"/>.</param>
    /// <returns>The client.</returns>
    public IdentomatClient CreateClient(Action<IdentomatClientOptions>? configure = null)
    {
        var options = CreateClientOptions();
        configure?.Invoke(options);
        return new IdentomatClient(_http, options);
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        _toFake.Dispose();
        _http.Dispose();
        Fake.Dispose();
    }

    /// <summary>The address only.</summary>
    public override string ToString() => $"IdentomatWireMockServer {{ BaseAddress = {BaseAddress} }}";

    private async Task<IResponseMessage> ForwardAsync(IRequestMessage request)
    {
        // The same path on the fake's own address.
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(new Uri(Fake.BaseAddress.GetLeftPart(UriPartial.Authority)), request.Path))
        {
            Content = new ByteArrayContent(request.BodyAsBytes ?? System.Text.Encoding.UTF8.GetBytes(request.Body ?? string.Empty)),
        };
        foreach (var (name, values) in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        HttpResponseMessage answer;
        try
        {
            answer = await _toFake.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The fake dropped the connection: so does the socket.
            return new ResponseMessage { StatusCode = 200, FaultType = FaultType.EMPTY_RESPONSE };
        }

        using (answer)
        {
            var body = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var headers = answer.Headers.Concat(answer.Content.Headers)
                .ToDictionary(h => h.Key, h => new WireMockList<string>(h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
            headers.Remove("Content-Length");
            return new ResponseMessage
            {
                StatusCode = (int)answer.StatusCode,
                Headers = headers,
                BodyData = body.Length == 0 ? null : new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
            };
        }
    }
}
