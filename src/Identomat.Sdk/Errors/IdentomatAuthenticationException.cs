using System.Net;

namespace Identomat.Sdk;

/// <summary>The company key was refused (<c>COMPANY_KEY_INVALID</c>, or HTTP 401/403).</summary>
public sealed class IdentomatAuthenticationException : IdentomatApiException
{
    /// <inheritdoc cref="IdentomatApiException(string, string, HttpStatusCode?, string?, int, string?, Exception?)" />
    public IdentomatAuthenticationException(
        string message, string operation, HttpStatusCode? statusCode, string? errorCode, int attempts, string? responseBodyExcerpt,
        Exception? innerException = null)
        : base(message, operation, statusCode, errorCode, attempts, responseBodyExcerpt, innerException)
    {
    }
}
