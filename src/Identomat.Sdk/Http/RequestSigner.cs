using System.Security.Cryptography;

namespace Identomat.Sdk.Http;

/// <summary>
/// HMAC-SHA256 signatures as the server uses them: <c>Authorization: signature="&lt;Base64(HMAC(secret, body))&gt;"</c>
/// over the exact body bytes. The key is held as bytes and never printed.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The per-thread HMACs are never disposed: see _perThread.")]
internal sealed class RequestSigner
{
    public const string HeaderName = "Authorization";
    private const string Prefix = "signature=\"";

    private readonly byte[] _key;
    private readonly byte[]? _previousKey;

    // One keyed HMAC per thread for the current key, reset by each use: setting a key up costs as much as hashing a
    // body, and a round trip signs or checks four bodies, which shows under concurrent callers (benchmarks/README.md).
    // Never disposed, so no call in flight meets a disposed one; its native handle is freed with the signer and thread.
    private readonly ThreadLocal<IncrementalHash> _perThread;

    public RequestSigner(string secretKey, string? previousSecretKey = null)
    {
        _key = Encoding.UTF8.GetBytes(secretKey);
        _previousKey = previousSecretKey is null ? null : Encoding.UTF8.GetBytes(previousSecretKey);
        _perThread = new ThreadLocal<IncrementalHash>(Incremental);
    }

    /// <summary>True when the header carries the body's MAC under the secret key or, during a rotation, the previous one.</summary>
    public bool Verifies(string? headerValue, byte[] body) =>
        Matches(headerValue, Compute(body)) || (_previousKey is not null && Matches(headerValue, Mac(_previousKey, body)));

    /// <summary>One incremental MAC per accepted key, for bodies that are streamed: the current key first.</summary>
    public IncrementalHash[] IncrementalVerifiers() =>
        _previousKey is null ? [Incremental()] : [Incremental(), IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _previousKey)];

    public string HeaderValue(byte[] body) => Prefix + Convert.ToBase64String(Compute(body)) + "\"";

    public byte[] Compute(byte[] body)
    {
        var hmac = _perThread.Value!;
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    public IncrementalHash Incremental() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);

    /// <summary>A one-shot MAC, for a key used once (a rotation's previous key, an audit's check).</summary>
    public static byte[] Mac(byte[] key, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);

#if NET8_0_OR_GREATER
        return HMACSHA256.HashData(key, body);
#else
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(body);
#endif
    }

    /// <summary>True when the header value carries exactly the expected MAC; compared in constant time.</summary>
    public static bool Matches(string? headerValue, byte[] expectedMac)
    {
        var value = headerValue?.Trim();
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith("\"", StringComparison.Ordinal)
            || value.Length <= Prefix.Length)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(value.Substring(Prefix.Length, value.Length - Prefix.Length - 1));
        }
        catch (FormatException)
        {
            return false;
        }

        return FixedTimeEquals(given, expectedMac);
    }

    public static bool FixedTimeEquals(byte[] left, byte[] right)
    {
#if NET8_0_OR_GREATER
        return CryptographicOperations.FixedTimeEquals(left, right);
#else
        if (left.Length != right.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < left.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
#endif
    }

    public override string ToString() => "RequestSigner { *** }";
}
