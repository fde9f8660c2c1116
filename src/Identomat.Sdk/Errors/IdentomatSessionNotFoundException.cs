using System.Net;

namespace Identomat.Sdk;

/// <summary>The server does not know the session token (<c>SESSION_NOT_FOUND</c>).</summary>
public sealed class IdentomatSessionNotFoundException : IdentomatApiException
{
    /// <inheritdoc cref="IdentomatApiException(string, string, HttpStatusCode?, string?, int, string?, Exception?)" />
    public IdentomatSessionNotFoundException(
        string message, string operation, HttpStatusCode? statusCode, string? errorCode, int attempts, string? responseBodyExcerpt,
        Exception? innerException = null)
        : base(message, operation, statusCode, errorCode, attempts, responseBodyExcerpt, innerException)
    {
    }
}
