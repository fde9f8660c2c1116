namespace Identomat.Sdk;

/// <summary>
/// An authenticated callback from Identomat. The known types are subclasses; others are <see cref="UnknownCallback"/>.
/// <see cref="Raw"/> keeps the whole payload without its <c>callbackApiKey</c>.
/// </summary>
public abstract class IdentomatCallback
{
    internal const string KeyProperty = "callbackApiKey";

    private protected IdentomatCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
    {
        DeduplicationKey = deduplicationKey;
        Type = fields.Type ?? string.Empty;
        SessionId = fields.SessionId;
        Raw = raw;
    }

    /// <summary><c>type</c>: the event type, e.g. <c>one-time-password-request</c>.</summary>
    public string Type { get; }

    /// <summary>
    /// <c>sessionId</c>: the session the event is about, as the session token <c>begin/</c> returned
    /// (<see cref="IdentomatSession.Token"/>). The vendor does not name it so; the SDK assumes it from what the sources
    /// show: every published sample carries a 40-character lower-case alphanumeric value, the shape of a session token,
    /// and the API has no other identifier of a session. Join callbacks to your sessions by comparing it with the token
    /// you stored, and nothing else.
    /// </summary>
    public string? SessionId { get; }

    /// <summary>The payload as received, without <c>callbackApiKey</c>.</summary>
    public JsonElement Raw { get; }

    /// <summary>
    /// A keyed fingerprint of what the callback means, as 64 lower-case hex digits: store it (a unique key in your
    /// database) and act on each callback once. Callbacks carry no nonce, so a captured one can be replayed; the key is
    /// the same for the same callback however it is re-sent.
    /// </summary>
    /// <remarks>
    /// <para>
    /// For a known type it is an HMAC-SHA256 of the type, <see cref="SessionId"/>, the phone number or e-mail address,
    /// the text and the session link; other properties and the spelling of the JSON (white space, order, escapes) do not
    /// change it. For an <see cref="UnknownCallback"/> it covers the whole payload without <c>callbackApiKey</c>, in a
    /// canonical form (names sorted, strings unescaped, <c>1.0</c> and <c>1</c> the same number). Two deliveries that
    /// differ in any of those values are two callbacks: a one-time password sent again with a new code has a new key.
    /// </para>
    /// <para>
    /// The HMAC's key is the parser's de-duplication secret (the account's company key for the parser
    /// <c>AddIdentomat</c> registers), not the callback key: one callback has one key before, during and after a
    /// rotation of the callback keys, and on every instance of the application. It reveals nothing of the callback
    /// (unlike a plain hash, it cannot be brute-forced from a phone number and a short code).
    /// </para>
    /// </remarks>
    public string DeduplicationKey { get; }

    /// <summary>The type only: callbacks carry personal data.</summary>
    public override string ToString() => $"{GetType().Name} {{ Type = {Internal.PrintableText.Show(Type)} }}";

    /// <summary>The callback types the SDK knows, by their <c>type</c>: every other type is an <see cref="UnknownCallback"/>.</summary>
    private static readonly Dictionary<string, Func<CallbackFields, JsonElement, string, IdentomatCallback>> Known = new(StringComparer.Ordinal)
    {
        [OneTimePasswordRequestCallback.TypeName] = (fields, raw, key) => new OneTimePasswordRequestCallback(fields, raw, key),
        [ShareSessionLinkViaSmsCallback.TypeName] = (fields, raw, key) => new ShareSessionLinkViaSmsCallback(fields, raw, key),
        [ShareSessionLinkViaEmailCallback.TypeName] = (fields, raw, key) => new ShareSessionLinkViaEmailCallback(fields, raw, key),
        [EmailOneTimePasswordRequestCallback.TypeName] = (fields, raw, key) => new EmailOneTimePasswordRequestCallback(fields, raw, key),
    };

    /// <summary>
    /// The typed callback of a payload: parsed (its key computed under the de-duplication secret, an unknown type
    /// reported) or restored (its stored key).
    /// </summary>
    internal static IdentomatCallback From(JsonElement raw, byte[]? deduplicationSecret, string? storedKey = null)
    {
        var fields = CallbackFields.Of(raw);
        var create = fields.Type is { } type && Known.TryGetValue(type, out var known) ? known : null;
        if (create is null && storedKey is null)
        {
            Diagnostics.Drift.Saw(Diagnostics.Drift.Callback, fields.Type ?? string.Empty);
        }

        var key = storedKey ?? CallbackDeduplication.KeyOf(deduplicationSecret!, raw, isKnownType: create is not null);
        return create is null ? new UnknownCallback(fields, raw, key) : create(fields, raw, key);
    }

    /// <summary>Text as UTF-8, encoded strictly: a lone surrogate is the refusal <paramref name="refuse"/> makes.</summary>
    internal static byte[] Utf8(string text, string what, Func<string, Exception?, Exception> refuse)
    {
        try
        {
            return JsonInput.StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw refuse(what + " is refused: it holds a lone surrogate.", ex);
        }
    }

    /// <summary>The JSON object a callback is read from (a body, or a stored payload), or the refusal <paramref name="refuse"/> makes.</summary>
    /// <param name="utf8">The UTF-8 JSON.</param>
    /// <param name="what">What it is, as the messages name it ("The callback body").</param>
    /// <param name="refuse">Makes the exception of a refusal from its message and cause.</param>
    internal static JsonElement ReadObject(ReadOnlySpan<byte> utf8, string what, Func<string, Exception?, Exception> refuse)
    {
        if (JsonInput.FindProblem(utf8, refuseDuplicates: true, out var malformed) is { } problem)
        {
            // The path is left out: it is made of the sender's property names.
            throw refuse($"{what} is refused: {problem.Message}.", JsonInput.WithoutServerText(malformed));
        }

        // Well-formed (checked above), so it parses; only its root's kind is left to check.
        var root = JsonSerializer.Deserialize(utf8, ResponseJsonContext.Default.JsonElement);
        return root.ValueKind == JsonValueKind.Object ? root : throw refuse(what + " is not a JSON object.", null);
    }

    /// <summary>
    /// The largest payload <see cref="Restore"/> takes: <see cref="Raw"/> of an accepted body, whose strings are written
    /// escaped (a <c>+</c> as <c>\u002B</c>), so up to six bytes for each byte received.
    /// </summary>
    private const int MaxStoredBytes = 6 * IdentomatCallbackParser.MaxBodyBytes;

    /// <summary>
    /// Rebuilds a callback that was authenticated earlier and stored: its <see cref="Raw"/> payload and its
    /// <see cref="DeduplicationKey"/>, as an inbox keeps them. Nothing is authenticated again, so a stored callback
    /// outlives a rotation of the callback keys; authenticate every callback with <see cref="IdentomatCallbackParser"/>
    /// before you store it, and rebuild only what you stored.
    /// </summary>
    /// <param name="payload">The stored payload: <see cref="Raw"/> as JSON text (a JSON object without <c>callbackApiKey</c>).</param>
    /// <param name="deduplicationKey">The stored <see cref="DeduplicationKey"/> (64 lower-case hex digits).</param>
    /// <returns>The typed callback, the same type and values as when it was parsed.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IdentomatCallbackException">
    /// The payload is not a JSON object the parser could have produced (<see cref="IdentomatCallbackError.Malformed"/>:
    /// malformed, over six times <see cref="IdentomatCallbackParser.MaxBodyBytes"/> (what escaping can make of an accepted
    /// body), or holding a <c>callbackApiKey</c>, a secret that is never stored), or the key is not one
    /// <see cref="DeduplicationKey"/> could be.
    /// </exception>
    public static IdentomatCallback Restore(string payload, string deduplicationKey)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(deduplicationKey);
        if (deduplicationKey.Length != 64 || deduplicationKey.Any(c => c is not (>= '0' and <= '9' or >= 'a' and <= 'f')))
        {
            throw new IdentomatCallbackException(IdentomatCallbackError.Malformed, "The stored de-duplication key is not 64 lower-case hex digits.");
        }

        const string What = "The stored callback";
        Func<string, Exception?, Exception> refuse = (message, cause) => new IdentomatCallbackException(IdentomatCallbackError.Malformed, message, cause);
        // Every char is at least one UTF-8 byte: a longer string is too large before it is encoded.
        var bytes = payload.Length <= MaxStoredBytes ? Utf8(payload, What, refuse) : [];
        if (bytes.Length is 0 or > MaxStoredBytes)
        {
            throw refuse($"{What} is empty or larger than {MaxStoredBytes} bytes.", null);
        }

        var raw = ReadObject(bytes, What, refuse);
        return raw.TryGetProperty(KeyProperty, out _)
            ? throw refuse(What + " holds a callbackApiKey: store Raw, never the body.", null)
            : From(raw, deduplicationSecret: null, deduplicationKey);
    }
}
