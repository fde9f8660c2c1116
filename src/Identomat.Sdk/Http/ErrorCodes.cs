namespace Identomat.Sdk.Http;

/// <summary>The error codes the server is known to send as bare JSON strings, and the shape of any other.</summary>
internal static class ErrorCodes
{
    public const string CompanyKeyInvalid = "COMPANY_KEY_INVALID";
    public const string SessionNotFound = "SESSION_NOT_FOUND";
    public const string SignatureInvalid = "SIGNATURE_INVALID";

    /// <summary>
    /// Whether a body that is a bare JSON string is an error code: upper-case letters, digits and underscores, in a
    /// body of 3 to 255 bytes (the shortest code, <c>"A"</c>, is 3 bytes; the vendor's are far below 255). A longer
    /// string is an answer of the wrong shape.
    /// </summary>
    public static bool IsCode(string text, int bodyLength) =>
        bodyLength is >= 3 and <= 255 && text.All(IsCodeChar) && text.Any(c => c is >= 'A' and <= 'Z');

    public static bool IsCodeChar(char c) => c is (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9');
}
