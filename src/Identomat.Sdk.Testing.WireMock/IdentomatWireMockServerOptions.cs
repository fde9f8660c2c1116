using System.Net;

namespace Identomat.Sdk.Testing.WireMock;

/// <summary>How an <see cref="IdentomatWireMockServer"/> behaves: the fake's keys, where it listens, how much it logs.</summary>
public sealed class IdentomatWireMockServerOptions : IdentomatFakeServerOptions
{
    /// <summary>
    /// The address the server listens on. The loopback interface by default: a fake issues sessions and serves media to
    /// anyone who reaches it. Set <see cref="IPAddress.Any"/> only where another machine or container must reach it (a
    /// browser in another container), on a network you trust.
    /// </summary>
    /// <value>Default: <see cref="IPAddress.Loopback"/> (127.0.0.1).</value>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>
    /// How many requests WireMock's request log (<c>Server.LogEntries</c>) keeps, the latest ones: each entry holds the
    /// request's body (with the company key) and the answer's (media included).
    /// </summary>
    /// <value>Default: 100. Range: 1 to 100,000.</value>
    public int MaxRequestLogCount { get; set; } = 100;

    /// <summary>Checks the settings of this package; the fake checks its own when it starts.</summary>
    internal void ValidateListening()
    {
        if (ListenAddress is null)
        {
            throw new ArgumentNullException(nameof(ListenAddress));
        }

        if (MaxRequestLogCount is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestLogCount), MaxRequestLogCount, "MaxRequestLogCount must be from 1 to 100,000.");
        }
    }
}
