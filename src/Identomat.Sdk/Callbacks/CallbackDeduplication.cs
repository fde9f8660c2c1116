using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk.Callbacks;

/// <summary>
/// A callback's <see cref="IdentomatCallback.DeduplicationKey"/>: an HMAC-SHA256, under a secret that outlives callback
/// key rotations, of what the callback means rather than of its bytes, so a captured callback cannot be replayed under a
/// new key by re-spacing, reordering, escaping or padding it. A known type means its type, session, address (phone or
/// e-mail, whichever spelling carried it), text and link; any other property is ignored. An unknown type means its
/// whole payload without <c>callbackApiKey</c>, in a canonical form: properties sorted by name, strings unescaped,
/// numbers as numbers, no white space. Written by hand: no library canonicalizes JSON on the SDK's targets.
/// </summary>
internal static class CallbackDeduplication
{
    private const string KnownPrefix = "identomat-callback/known/1";
    private const string UnknownPrefix = "identomat-callback/unknown/1";

    public static string KeyOf(byte[] secret, CallbackFields fields, JsonElement payload, bool isKnownType)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Canonical(fields, payload, isKnownType));
        var mac = hmac.GetHashAndReset();
#if NET8_0_OR_GREATER
        return Convert.ToHexString(mac).ToLowerInvariant();
#else
        return BitConverter.ToString(mac).Replace("-", string.Empty).ToLowerInvariant();
#endif
    }

    /// <summary>What the key is the HMAC of: the callback's meaning, as compact JSON.</summary>
    internal static byte[] Canonical(CallbackFields fields, JsonElement payload, bool isKnownType)
    {
        using var canonical = new MemoryStream();
        using (var writer = new Utf8JsonWriter(
            canonical, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            if (isKnownType)
            {
                writer.WriteStringValue(KnownPrefix);
                foreach (var value in new[] { fields.Type, fields.SessionId, fields.PhoneNumber, fields.AnyEmail, fields.Text, fields.SessionLink })
                {
                    if (value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteStringValue(value);
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
                    writer.WritePropertyName(property.Name);
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
                writer.WriteStringValue(value.GetString());
                break;
            case JsonValueKind.Number:
                // 1, 1.0 and 1e0 are one number. Each choice below depends on the value only, never on its spelling: a
                // decimal (exact, trailing zeros dropped) when the value fits one without loss, else the shortest
                // round-trip double, else (beyond a double's range) the text as written.
                var text = value.GetRawText();
                var isDouble = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate) && !double.IsInfinity(approximate);
                if (isDouble && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) && (double)exact == approximate)
                {
                    writer.WriteRawValue((exact / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteRawValue(isDouble ? approximate.ToString("R", CultureInfo.InvariantCulture) : text);
                }

                break;
            default:
                // true, false, null
                value.WriteTo(writer);
                break;
        }
    }
}
