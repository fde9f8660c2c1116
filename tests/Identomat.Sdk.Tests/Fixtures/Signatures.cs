using System.Security.Cryptography;
using System.Text;

namespace Identomat.Sdk.Tests;

/// <summary>Signatures as the vendor writes them, computed here independently of the SDK's signer.</summary>
internal static class Signatures
{
    /// <summary><c>signature="Base64(HMAC-SHA256(key, body))"</c>.</summary>
    public static string Sign(string key, byte[] body) =>
        "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body)) + "\"";
}
