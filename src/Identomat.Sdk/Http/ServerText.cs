using System.Text.RegularExpressions;

namespace Identomat.Sdk.Http;

/// <summary>
/// Makes text that a server chose safe to show in an exception: secrets removed in every form an echo can take,
/// characters that forge log lines or reorder text replaced, and the length capped after redaction (so a secret
/// that straddles the cut cannot survive in part). Written by hand: no library redacts JSON-escaped echoes.
/// </summary>
internal static class ServerText
{
    public const int ExcerptChars = 512;

    private const string Mask = "***";

    private const int WindowBytes = 64 * 1024;

    /// <summary>A complete JSON escape: <c>\uXXXX</c> or one of the eight one-character escapes.</summary>
    private static readonly Regex JsonEscape = new(@"\\(?:u[0-9A-Fa-f]{4}|[""\\/nrtbf])", RegexOptions.CultureInvariant);

    /// <summary>
    /// An excerpt of an error body: decoded in its own encoding (a byte order mark, the <c>charset</c> of its content
    /// type, or UTF-16 recognized by its zero bytes; UTF-8 otherwise), JSON escapes resolved (so an escaped echo of a
    /// key is seen as the key), every secret masked in its raw and percent-encoded forms, control, format (bidi) and
    /// separator characters replaced by spaces, then cut to <see cref="ExcerptChars"/> characters. Null for no body.
    /// </summary>
    public static string? Excerpt(byte[]? body, IEnumerable<string?> secrets, string? charset = null)
    {
        if (body is not { Length: > 0 })
        {
            return null;
        }

        var secretList = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        var longest = secretList.Count == 0 ? 0 : secretList.Max(s => s.Length);

        // Decode far more than the excerpt needs: every character may arrive as a six-byte \uXXXX escape (or four UTF-16
        // bytes), and masked secrets shorten the text. When the window cuts the body, drop its tail where a secret could
        // have been cut in two: a part of a secret cannot be recognized, so it must not be shown.
        var window = Math.Max(WindowBytes, (ExcerptChars + longest) * 12);
        var cut = body.Length > window;
        var text = Decode(body, Math.Min(body.Length, window), charset);
        text = Unescape(text);
        if (cut)
        {
            text = text.Substring(0, Math.Max(0, text.Length - (longest * 6)));
        }

        text = PrintableText.Printable(Redact(text, secretList));
        if (text.Length > ExcerptChars)
        {
            var at = char.IsHighSurrogate(text[ExcerptChars - 1]) ? ExcerptChars - 1 : ExcerptChars;
            text = text.Substring(0, at) + "…";
        }

        return text;
    }

    /// <summary>
    /// A short server-chosen token (an error code, a media type) when it is made of <paramref name="allowed"/>
    /// characters only, at most 64 long and holds no secret; otherwise null.
    /// </summary>
    public static string? Token(string? value, Func<char, bool> allowed, IEnumerable<string?> secrets)
    {
        if (value is not { Length: > 0 and <= 64 } || !value.All(allowed))
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && (value.Contains(secret!) || secret!.Contains(value)))
            {
                return null;
            }
        }

        return value;
    }

    /// <summary>
    /// A free-form server-chosen token (a request id): <see cref="Token"/>, and not even part of a secret, that is a run
    /// of more than a third of its characters (at least 4) in any case: a server echoing most of a key is not shown.
    /// Not for error codes, whose known vocabulary (<c>SESSION_NOT_FOUND</c>) may share a word with a session token.
    /// </summary>
    public static string? OpaqueToken(string? value, Func<char, bool> allowed, IEnumerable<string?> secrets)
    {
        if (Token(value, allowed, secrets) is not { } token)
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && SharesRun(token, secret!, Math.Min(secret!.Length, Math.Max(4, (secret.Length / 3) + 1))))
            {
                return null;
            }
        }

        return token;
    }

    /// <summary>True when <paramref name="value"/> holds <paramref name="run"/> consecutive characters of the secret, ignoring case.</summary>
    private static bool SharesRun(string value, string secret, int run)
    {
        var (upperValue, upperSecret) = (value.ToUpperInvariant(), secret.ToUpperInvariant());
        return Enumerable.Range(0, secret.Length - run + 1).Any(start => upperValue.Contains(upperSecret.Substring(start, run)));
    }

    private static string Redact(string text, List<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        foreach (var secret in secrets.OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask);
            var encoded = Uri.EscapeDataString(secret);
            if (encoded != secret)
            {
                text = ReplaceIgnoringCase(text, encoded, Mask);
            }
        }

        return text;
    }

    private static string ReplaceIgnoringCase(string text, string value, string replacement) =>
        Regex.Replace(text, Regex.Escape(value), replacement, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Decodes a body in its own encoding: BOM first, then the declared charset, then UTF-16 by its zero bytes.</summary>
    private static string Decode(byte[] body, int count, string? charset)
    {
        Encoding encoding = Encoding.UTF8;
        var skip = 0;
        if (count >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF)
        {
            skip = 3;
        }
        else if (count >= 2 && body[0] == 0xFF && body[1] == 0xFE)
        {
            (encoding, skip) = (Encoding.Unicode, 2);
        }
        else if (count >= 2 && body[0] == 0xFE && body[1] == 0xFF)
        {
            (encoding, skip) = (Encoding.BigEndianUnicode, 2);
        }
        else if (charset?.ToUpperInvariant() is { } declared && declared.Contains("16"))
        {
            encoding = declared.Contains("BE") ? Encoding.BigEndianUnicode : Encoding.Unicode;
        }
        else if (ZeroBytes(body, count, odd: true) > count / 4)
        {
            encoding = Encoding.Unicode;
        }
        else if (ZeroBytes(body, count, odd: false) > count / 4)
        {
            encoding = Encoding.BigEndianUnicode;
        }

        return encoding.GetString(body, skip, count - skip);
    }

    private static int ZeroBytes(byte[] body, int count, bool odd)
    {
        var zeros = 0;
        for (var i = odd ? 1 : 0; i < Math.Min(count, 512); i += 2)
        {
            zeros += body[i] == 0 ? 1 : 0;
        }

        return zeros * 2 * count / Math.Max(1, Math.Min(count, 512));
    }

    /// <summary>Resolves JSON escapes (<c>\uXXXX</c>, <c>\"</c>, <c>\\</c>, <c>\/</c>, <c>\n</c>, …); an incomplete one stays as written.</summary>
    private static string Unescape(string text) => JsonEscape.Replace(text, escape => escape.Value[1] switch
    {
        'u' => ((char)Convert.ToInt32(escape.Value.Substring(2), 16)).ToString(),
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'b' => "\b",
        'f' => "\f",
        var same => same.ToString(), // \" \\ \/
    });

    /// <summary>An ASCII letter or digit: the characters of a plain token, whatever the culture.</summary>
    // Below 128 exactly: U+0080 to U+00A9 hold no letter or digit either, so the bound is not a choice.
    public static bool IsAsciiLetterOrDigit(char c) => c < 128 && char.IsLetterOrDigit(c);
}
