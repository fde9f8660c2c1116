namespace Identomat.Sdk.Http;

/// <summary>An answer came from another address than the one asked (a redirect was followed) or was a redirect: refused.</summary>
internal sealed class RedirectRefusedException : Exception
{
    public RedirectRefusedException(int? statusCode)
        : base("A redirect was refused.") =>
        StatusCode = statusCode;

    public int? StatusCode { get; }

    public static string Describe(string operation, int? status) =>
        status is { } s
            ? $"Identomat {operation} failed: the server answered HTTP {s}, a redirect. Redirects are refused, never followed and not retried, " +
              "so the company key and personal data never go to another address; check IdentomatClientOptions.BaseAddress."
            : $"Identomat {operation} failed: the answer came from another address than the one requested, " +
              "because the HttpClient's own handler followed a redirect. " +
              "The request, with the company key in its body, was sent to that address before the SDK could refuse the answer: " +
              "treat the company key as exposed and rotate it. " +
              "Give the HttpClient a handler with AllowAutoRedirect = false (the SDK's own clients never follow redirects).";

    public string Describe(string operation) => Describe(operation, StatusCode);
}
