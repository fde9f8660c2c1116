namespace Identomat.Sdk.Http;

/// <summary>The error codes the server is known to send as bare JSON strings.</summary>
internal static class ErrorCodes
{
    public const string CompanyKeyInvalid = "COMPANY_KEY_INVALID";
    public const string SessionNotFound = "SESSION_NOT_FOUND";
    public const string SignatureInvalid = "SIGNATURE_INVALID";

    public static bool LooksLikeCode(string text) => text.All(IsCodeChar) && text.Any(c => c is >= 'A' and <= 'Z');

    public static bool IsCodeChar(char c) => c is (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9');
}
