using System.Security.Cryptography;

namespace Identomat.Sdk.Callbacks;

/// <summary>
/// A callback's <see cref="IdentomatCallback.DeduplicationKey"/>: an HMAC-SHA256, under a secret that outlives callback
/// key rotations, of what the callback means rather than of its bytes, so a captured callback cannot be replayed under a
/// new key by re-spacing, reordering, escaping or padding it. A known type means its type, session, address (phone or
/// e-mail, whichever spelling carried it), text and link, each as the JSON value it is (a number is not the string of
/// its digits); any other property is ignored. An unknown type means its whole payload without <c>callbackApiKey</c>.
/// Both in a canonical form: properties sorted by name, strings unescaped and in Unicode normalization form C, numbers
/// by their exact value, no white space. Written by hand: no library canonicalizes JSON on the SDK's targets.
/// </summary>
internal static class CallbackDeduplication
{
    private const string KnownPrefix = "identomat-callback/known/1";
    private const string UnknownPrefix = "identomat-callback/unknown/1";

    /// <summary>What a known type means, in order; the address under the first of its spellings that is present.</summary>
    private static readonly string[][] KnownFields =
    [
        ["type"], ["sessionId"], ["phoneNumber"], ["email", "emailAddress", "email_address"], ["text"], ["sessionLink"],
    ];

    public static string KeyOf(byte[] secret, JsonElement payload, bool isKnownType)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Canonical(payload, isKnownType));
        var mac = hmac.GetHashAndReset();
#if NET8_0_OR_GREATER
        return Convert.ToHexString(mac).ToLowerInvariant();
#else
        return BitConverter.ToString(mac).Replace("-", string.Empty).ToLowerInvariant();
#endif
    }

    /// <summary>What the key is the HMAC of: the callback's meaning, as compact JSON.</summary>
    internal static byte[] Canonical(JsonElement payload, bool isKnownType)
    {
        using var canonical = new MemoryStream();
        using (var writer = new Utf8JsonWriter(
            canonical, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            if (isKnownType)
            {
                writer.WriteStringValue(KnownPrefix);
                foreach (var names in KnownFields)
                {
                    var present = names
                        .Select(name => payload.TryGetProperty(name, out var value) ? value : (JsonElement?)null)
                        .FirstOrDefault(v => v is not null);
                    if (present is { } value)
                    {
                        WriteCanonical(writer, value);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }
            }
            else
            {
                writer.WriteStringValue(UnknownPrefix);
                WriteCanonical(writer, payload);
            }

            writer.WriteEndArray();
        }

        return canonical.ToArray();
    }

    /// <summary>
    /// The canonical form of a value: the callback body passed the JSON gate (well-formed, valid text, no repeated
    /// names, at most 64 levels), so every string reads and every name is unique in its object.
    /// </summary>
    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(Normalized(property.Name));
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Normalized(value.GetString()!));
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(value.GetRawText()));
                break;
            default:
                // true, false, null
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// A JSON number by its exact value, whatever its spelling (<c>1</c>, <c>1.0</c>, <c>10e-1</c>, <c>-0</c> and
    /// <c>0.0e5</c> are two numbers, not five): a plain decimal when the value has at most 28 significant digits and a
    /// scale of at most 28 (<c>1.5</c>, <c>100</c>, <c>0.001</c>), else its significant digits and exponent
    /// (<c>12345678901234567890123456789e3</c>). Never through a double or a decimal, which would make different numbers
    /// one (30 digits, <c>1e-400</c>) or one number several (<c>1e400</c> and <c>10e399</c>). An exponent beyond a
    /// 64-bit integer (no real callback has one) keeps the number as written.
    /// </summary>
    internal static string CanonicalNumber(string json)
    {
        var negative = json[0] == '-';
        var mark = json.IndexOfAny(['e', 'E']);
        var mantissa = mark < 0 ? json.Substring(negative ? 1 : 0) : json.Substring(negative ? 1 : 0, mark - (negative ? 1 : 0));
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        var exponentText = mark < 0 ? "0" : json.Substring(mark + 1);
        if (exponentText.TrimStart('+', '-').TrimStart('0').Length > 18)
        {
            return json;
        }

        var significant = digits.TrimStart('0');
        if (significant.Length == 0)
        {
            return "0";
        }

        var trimmed = significant.TrimEnd('0');
        var exponent = long.Parse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) - fraction + (significant.Length - trimmed.Length);
        var sign = negative ? "-" : string.Empty;
        if (trimmed.Length <= 28 && exponent >= 0 && trimmed.Length + exponent <= 28)
        {
            return sign + trimmed + new string('0', (int)exponent);
        }

        if (trimmed.Length <= 28 && exponent < 0 && -exponent <= 28)
        {
            var scale = (int)-exponent;
            return sign + (scale >= trimmed.Length
                ? "0." + new string('0', scale - trimmed.Length) + trimmed
                : trimmed.Substring(0, trimmed.Length - scale) + "." + trimmed.Substring(trimmed.Length - scale));
        }

        return sign + trimmed + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Text in Unicode normalization form C: a composed and a decomposed <c>é</c> are one text.</summary>
    private static string Normalized(string text)
    {
        try
        {
            return text.Normalize(System.Text.NormalizationForm.FormC);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or ArgumentException)
        {
            // Invariant globalization (some containers) cannot normalize; an invalid sequence cannot be normalized.
            return text;
        }
    }
}
