using System.Security.Cryptography;
using System.Text;

namespace Identomat.Sdk.Http;

/// <summary>
/// HMAC-SHA256 signatures as the server uses them: <c>Authorization: signature="&lt;Base64(HMAC(secret, body))&gt;"</c>
/// over the exact body bytes. The key is held as bytes and never printed. Disposing it disposes the HMACs it keeps
/// (they hold the key); a signature computed after that still works, with an HMAC of its own.
/// </summary>
internal sealed class RequestSigner : IDisposable
{
    public const string HeaderName = "Authorization";
    private const string Prefix = "signature=\"";

    private const int Pooled = 16;

    private readonly byte[] _key;

    // Creating an HMAC costs more than hashing a body: reuse a few (reset after each use), one caller at a time each.
    // Slots taken and given back with one atomic exchange each (the shape of Microsoft.Extensions.ObjectPool's default
    // pool, without the dependency): a ConcurrentBag was slower under concurrency, its Count locking every thread's list.
    private readonly IncrementalHash?[] _pool = new IncrementalHash?[Pooled];

    private readonly byte[]? _previousKey;

    private volatile bool _disposed;

    public RequestSigner(string secretKey, string? previousSecretKey = null)
    {
        _key = Encoding.UTF8.GetBytes(secretKey);
        _previousKey = previousSecretKey is null ? null : Encoding.UTF8.GetBytes(previousSecretKey);
    }

    /// <summary>True when the header carries the body's MAC under the secret key or, during a rotation, the previous one.</summary>
    public bool Verifies(string? headerValue, byte[] body) =>
        Matches(headerValue, Compute(body)) || (_previousKey is not null && Matches(headerValue, Mac(_previousKey, body)));

    /// <summary>One incremental MAC per accepted key, for bodies that are streamed: the current key first.</summary>
    public IncrementalHash[] IncrementalVerifiers() =>
        _previousKey is null ? [Incremental()] : [Incremental(), IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _previousKey)];

    private static byte[] Mac(byte[] key, byte[] body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    public string HeaderValue(byte[] body) => Prefix + Convert.ToBase64String(Compute(body)) + "\"";

    public byte[] Compute(byte[] body)
    {
        var hmac = Rent();
        byte[] mac;
        try
        {
            hmac.AppendData(body);
            mac = hmac.GetHashAndReset();
        }
        catch
        {
            // Its state is unknown: not kept, and disposed, as it holds the key.
            hmac.Dispose();
            throw;
        }

        Return(hmac);
        return mac;
    }

    /// <summary>Disposes the HMACs kept for reuse; those in use are disposed when given back.</summary>
    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }
    }

    private IncrementalHash Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.Exchange(ref _pool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        return Incremental();
    }

    private void Return(IncrementalHash hmac)
    {
        for (var i = 0; !_disposed && i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], hmac, null) is null)
            {
                // Disposed meanwhile: its drain may have passed this slot already. Whoever takes it back disposes it.
                if (_disposed)
                {
                    Interlocked.Exchange(ref _pool[i], null)?.Dispose();
                }

                return;
            }
        }

        hmac.Dispose();
    }

    public IncrementalHash Incremental() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);

    /// <summary>True when the header value carries exactly the expected MAC; compared in constant time.</summary>
    public static bool Matches(string? headerValue, byte[] expectedMac)
    {
        var value = headerValue?.Trim();
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith("\"", StringComparison.Ordinal) || value.Length <= Prefix.Length)
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
