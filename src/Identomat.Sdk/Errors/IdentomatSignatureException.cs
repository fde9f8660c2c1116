namespace Identomat.Sdk;

/// <summary>
/// A successful response's HMAC signature was missing or wrong (with <see cref="IdentomatClientOptions.SecretKey"/> set):
/// the response may not come from Identomat and was not used.
/// </summary>
public sealed class IdentomatSignatureException : IdentomatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the signature; never the signature or key.</param>
    /// <param name="operation">The operation.</param>
    public IdentomatSignatureException(string message, string operation)
        : base(message) =>
        Operation = operation;

    /// <summary>The operation whose response was rejected.</summary>
    public string Operation { get; }
}
