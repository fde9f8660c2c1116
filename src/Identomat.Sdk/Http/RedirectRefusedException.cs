namespace Identomat.Sdk.Http;

/// <summary>An answer came from another address than the one asked (a redirect was followed) or was a redirect: refused.</summary>
internal sealed class RedirectRefusedException : Exception
{
    public RedirectRefusedException(int? statusCode)
        : base("A redirect was refused.") =>
        StatusCode = statusCode;

    public int? StatusCode { get; }

    public static string Describe(string operation, int? status) =>
        $"Identomat {operation} failed: {(status is { } s ? $"the server answered HTTP {s}, a redirect" : "the answer came from another address than the one requested (the HttpClient's handler followed a redirect)")}. " +
        "Redirects are refused, never followed and not retried, so the company key and personal data never go to another address; " +
        "check IdentomatClientOptions.BaseAddress, and use a handler with AllowAutoRedirect = false.";

    public string Describe(string operation) => Describe(operation, StatusCode);
}
