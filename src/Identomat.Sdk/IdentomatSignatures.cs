namespace Identomat.Sdk;

/// <summary>Checks the HMAC signatures of stored answers, for audits long after the call.</summary>
public static class IdentomatSignatures
{
    /// <summary>
    /// True when <paramref name="signature"/> (the answer's <c>signature="…"</c> header, as in
    /// <see cref="VerificationResult.ResponseSignature"/>) is the HMAC-SHA256 of <paramref name="body"/> (the exact bytes,
    /// as in <see cref="VerificationResult.RawJson"/>) under <paramref name="secretKey"/>. Compared in constant time.
    /// </summary>
    /// <param name="body">The answer's exact bytes.</param>
    /// <param name="signature">The signature header value; false when null.</param>
    /// <param name="secretKey">The account's secret key at the time of the answer.</param>
    /// <returns>Whether the signature is genuine.</returns>
    /// <exception cref="ArgumentException">The secret key is blank.</exception>
    public static bool Verify(ReadOnlyMemory<byte> body, string? signature, string secretKey)
    {
        if (string.IsNullOrWhiteSpace(secretKey))
        {
            throw new ArgumentException("The secret key is required.", nameof(secretKey));
        }

        // One check, so one one-shot MAC: a signer's per-thread HMACs are for the client's long-lived transport.
        return RequestSigner.Matches(signature, RequestSigner.Mac(Encoding.UTF8.GetBytes(secretKey), body.ToArray()));
    }
}
