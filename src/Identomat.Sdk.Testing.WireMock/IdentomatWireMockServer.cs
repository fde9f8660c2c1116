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
/// var session = await client.BeginSessionAsync(myFlow);
/// host.Fake.CompleteSession(session.Token, FakeResults.Approved());
/// </code>
/// </example>
public sealed class IdentomatWireMockServer : IDisposable
{
    private readonly HttpMessageInvoker _toFake;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly string _host;

    private IdentomatWireMockServer(IdentomatWireMockServerOptions options)
    {
        options.ValidateListening();
        Fake = IdentomatFakeServer.StartInProcess(options);
        _toFake = new HttpMessageInvoker(Fake.CreateHandler());
        Server = Listen(options);
        _host = Advertised(options.ListenAddress);

        // The fake's stubs at the lowest priority, so that a test's own stubs win.
        Server.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(ForwardAsync));
    }

    /// <summary>The fake behind the socket: script results, media, faults and callbacks on it.</summary>
    public IdentomatFakeServer Fake { get; }

    /// <summary>The WireMock server: add stubs, read <c>LogEntries</c>.</summary>
    public WireMockServer Server { get; }

    /// <summary>
    /// The server API address: <c>http://127.0.0.1:{port}/external-api/</c> (the port is chosen free), on the address of
    /// <see cref="IdentomatWireMockServerOptions.ListenAddress"/> when it is another (<c>http://[::1]:{port}/…</c>), and on
    /// the loopback address when it listens on every interface.
    /// </summary>
    public Uri BaseAddress => new(Root, "external-api/");

    /// <summary>The widget address the client's options point at (nothing is served there).</summary>
    public Uri WidgetBaseAddress => new(Root, "widget/");

    private Uri Root => new($"http://{_host}:{Server.Port}/");

    /// <summary>
    /// Starts a fake on a free port of the loopback interface: nothing outside this machine can reach it, unless
    /// <see cref="IdentomatWireMockServerOptions.ListenAddress"/> says otherwise.
    /// </summary>
    /// <param name="options">The fake's keys, where it listens and how much it records; the defaults when null.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException">An option is out of its range.</exception>
    public static IdentomatWireMockServer Start(IdentomatWireMockServerOptions? options = null) =>
        new(options ?? new IdentomatWireMockServerOptions());

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

    /// <summary>A WireMock server on a free port of the given address, with its request log bounded.</summary>
    private static WireMockServer Listen(IdentomatWireMockServerOptions options)
    {
        var host = options.ListenAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.ListenAddress}]" : options.ListenAddress.ToString();
        for (var attempt = 1; ; attempt++)
        {
            // The port is found free, then bound by WireMock: another process may take it in between, so try again.
            var port = FreePort(options.ListenAddress);
            try
            {
                return WireMockServer.Start(new global::WireMock.Settings.WireMockServerSettings
                {
                    Urls = [$"http://{host}:{port}"],
                    MaxRequestLogCount = options.MaxRequestLogCount,
                });
            }
            catch (Exception) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>
    /// The host this machine's clients reach an address by: the address itself, or the loopback address of its family
    /// for "every interface" (the SDK allows plain HTTP to a loopback host only; other machines use this one's address).
    /// </summary>
    private static string Advertised(System.Net.IPAddress address) =>
        address.Equals(System.Net.IPAddress.Any) ? "127.0.0.1"
        : address.Equals(System.Net.IPAddress.IPv6Any) ? "[::1]"
        : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]"
        : address.ToString();

    private static int FreePort(System.Net.IPAddress address)
    {
        var listener = new System.Net.Sockets.TcpListener(address, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task<IResponseMessage> ForwardAsync(IRequestMessage request)
    {
        // The same path and query on the fake's own address (the widget's pages carry the session token in the query).
        var pathAndQuery = new Uri(request.Url).PathAndQuery;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(new Uri(Fake.BaseAddress.GetLeftPart(UriPartial.Authority)), pathAndQuery))
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
