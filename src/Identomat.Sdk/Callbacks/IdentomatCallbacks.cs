using System.Text;
using System.Text.Json;
using Identomat.Sdk.Callbacks;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// Authenticates and parses the vendor's callbacks (webhooks). Callbacks are not signed: their authenticity is the
/// <c>callbackApiKey</c> field, compared in constant time with the keys you configure. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Every input ends in a callback or an <see cref="IdentomatCallbackException"/>: a body over 1 MiB (on every
/// overload) is <see cref="IdentomatCallbackError.TooLarge"/> (answer 413); malformed JSON, nesting deeper than 64
/// levels, text that is not valid UTF-8 or holds a lone surrogate, or a property name repeated within one object is
/// <see cref="IdentomatCallbackError.Malformed"/> (answer 400); a missing or wrong key is
/// <see cref="IdentomatCallbackError.WrongKey"/> (answer 401). The key is checked before anything is built from the
/// body. A leading UTF-8 byte order mark is accepted.
/// </para>
/// <para>
/// Callbacks carry no nonce or timestamp, so anyone who captured one can send it again. De-duplicate on
/// <see cref="IdentomatCallback.DeduplicationKey"/> and act on each callback once: it is derived from what the callback
/// means, so re-spacing, reordering, escaping or padding a captured callback does not give it a new key, and it stays
/// the same before, during and after a rotation of the callback keys.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var callbacks = new IdentomatCallbackParser([configuration["Identomat:CallbackApiKeys:0"]!], configuration["Identomat:CompanyKey"]!);
/// app.MapPost("/identomat/callback", async (HttpRequest http) =&gt;
/// {
///     IdentomatCallback callback;
///     try { callback = await callbacks.ParseAsync(http.Body, http.HttpContext.RequestAborted); }
///     catch (IdentomatCallbackException ex) { return Results.StatusCode(ex.StatusCode); }
///     if (!await seen.TryAddAsync(callback.DeduplicationKey)) { return Results.Ok(); }   // a replay: handled once already
///     if (callback is OneTimePasswordRequestCallback { PhoneNumber: { } phone, Text: { } text })
///     {
///         await sms.SendAsync(phone, text, http.HttpContext.RequestAborted);
///     }
///
///     return Results.Ok();
/// });
/// </code>
/// </example>
public sealed class IdentomatCallbackParser
{
    /// <summary>The largest callback body accepted, in bytes (1 MiB), by every overload.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    // One object, replaced whole when the settings change (AddIdentomat's parser follows reloads): a parse never sees
    // the keys of one configuration with the secret of another.
    private volatile CallbackKeys _keys;

    /// <summary>
    /// Creates a parser that accepts callbacks carrying any of the given keys: the key configured in the vendor
    /// dashboard and, during a rotation, the old one too.
    /// </summary>
    /// <param name="callbackApiKeys">The accepted keys, at least one. Secrets: never printed.</param>
    /// <param name="deduplicationSecret">
    /// The key of the HMAC that <see cref="IdentomatCallback.DeduplicationKey"/> is: a secret every instance of your
    /// application shares and that does not change when the callback keys rotate. Use the account's company key (what
    /// <c>AddIdentomat</c> uses); keys derived under another secret differ. A secret: never printed.
    /// </param>
    /// <exception cref="ArgumentException">No key is given, one is blank, or the secret is blank.</exception>
    public IdentomatCallbackParser(IEnumerable<string> callbackApiKeys, string deduplicationSecret) =>
        _keys = CallbackKeys.Create(callbackApiKeys, deduplicationSecret);

    /// <summary>Applies new keys to later parses (a configuration reload); parses in flight keep theirs.</summary>
    internal void Update(IEnumerable<string> callbackApiKeys, string deduplicationSecret) =>
        _keys = CallbackKeys.Create(callbackApiKeys, deduplicationSecret);

    /// <summary>The account this parser belongs to (the name given to <c>AddIdentomat</c>), for its exceptions.</summary>
    internal string? Account { get; set; }

    /// <summary>Authenticates and parses a callback from its raw body.</summary>
    /// <param name="body">The request body, as received.</param>
    /// <returns>The typed callback; <see cref="UnknownCallback"/> for a type the SDK does not know.</returns>
    /// <exception cref="IdentomatCallbackException">The body is refused: see <see cref="IdentomatCallbackException.Error"/>.</exception>
    public IdentomatCallback Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        body = JsonInput.WithoutBom(body);
        if (JsonInput.FindProblem(body.Span, refuseDuplicates: true, out var malformed) is { } problem)
        {
            // The path is left out: it is made of the sender's property names.
            throw Refused(IdentomatCallbackError.Malformed, $"The callback body is refused: {problem.Message}.", JsonInput.WithoutServerText(malformed));
        }

        CallbackEnvelope envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body.Span, IdentomatJsonContext.Default.CallbackEnvelope)
                ?? throw Refused(IdentomatCallbackError.Malformed, "The callback body is not a JSON object.");
        }
        catch (JsonException ex)
        {
            // The body is well-formed (checked above): only a root that is not an object fails here.
            throw Refused(IdentomatCallbackError.Malformed, "The callback body is not a JSON object.", JsonInput.WithoutServerText(ex));
        }

        var keys = _keys;
        if (keys.Authenticate(envelope.CallbackApiKey) is { } wrong)
        {
            throw Refused(IdentomatCallbackError.WrongKey, wrong);
        }

        var raw = JsonSerializer.SerializeToElement(envelope.Payload ?? new Dictionary<string, JsonElement>(), IdentomatJsonContext.Default.DictionaryStringJsonElement);
        return IdentomatCallback.From(JsonSerializer.Deserialize(raw, IdentomatJsonContext.Default.CallbackFields)!, raw, keys.DeduplicationSecret);
    }

    /// <summary>Authenticates and parses a callback from its raw body.</summary>
    /// <param name="body">The request body as text.</param>
    /// <returns>The typed callback.</returns>
    /// <exception cref="IdentomatCallbackException">The body is refused: see <see cref="IdentomatCallbackException.Error"/>.</exception>
    public IdentomatCallback Parse(string body)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        // Every char is at least one UTF-8 byte: a longer string is too large before it is encoded.
        if (body.Length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        byte[] bytes;
        try
        {
            bytes = JsonInput.StrictUtf8.GetBytes(body);
        }
        catch (EncoderFallbackException ex)
        {
            throw Refused(IdentomatCallbackError.Malformed, "The callback body is refused: it holds a lone surrogate.", ex);
        }

        return Parse(bytes);
    }

    /// <summary>Reads (at most <see cref="MaxBodyBytes"/>), authenticates and parses a callback body, e.g. <c>HttpRequest.Body</c>.</summary>
    /// <param name="body">The request body stream.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The typed callback.</returns>
    /// <exception cref="IdentomatCallbackException">The body is refused: see <see cref="IdentomatCallbackException.Error"/>.</exception>
    public async Task<IdentomatCallback> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>No key.</summary>
    public override string ToString() => "IdentomatCallbackParser { *** }";

    private IdentomatCallbackException TooLarge() =>
        Refused(IdentomatCallbackError.TooLarge, $"The callback body is larger than {MaxBodyBytes} bytes.");

    private IdentomatCallbackException Refused(IdentomatCallbackError error, string message, Exception? innerException = null)
    {
        var refused = new IdentomatCallbackException(error, message, innerException);
        refused.SetAccount(Account);
        return refused;
    }

    /// <summary>The accepted keys and the de-duplication secret of one configuration, as UTF-8 bytes.</summary>
    private sealed class CallbackKeys
    {
        private readonly byte[][] _accepted;

        private CallbackKeys(byte[][] accepted, byte[] deduplicationSecret)
        {
            _accepted = accepted;
            DeduplicationSecret = deduplicationSecret;
        }

        public byte[] DeduplicationSecret { get; }

        public static CallbackKeys Create(IEnumerable<string> callbackApiKeys, string deduplicationSecret)
        {
            if (callbackApiKeys is null)
            {
                throw new ArgumentNullException(nameof(callbackApiKeys));
            }

            var accepted = callbackApiKeys.Select(key => string.IsNullOrWhiteSpace(key)
                ? throw new ArgumentException("A callback API key is blank.", nameof(callbackApiKeys))
                : JsonInput.StrictUtf8.GetBytes(key)).ToArray();
            if (accepted.Length == 0)
            {
                throw new ArgumentException("The callback API key is required.", nameof(callbackApiKeys));
            }

            return string.IsNullOrWhiteSpace(deduplicationSecret)
                ? throw new ArgumentException("The de-duplication secret is required (the account's company key).", nameof(deduplicationSecret))
                : new CallbackKeys(accepted, JsonInput.StrictUtf8.GetBytes(deduplicationSecret));
        }

        /// <summary>
        /// Checks the body's <c>callbackApiKey</c> string against every accepted key, each in fixed time: null when one
        /// matches, why not otherwise.
        /// </summary>
        public string? Authenticate(string? callbackApiKey)
        {
            if (callbackApiKey is null)
            {
                return "The callback carries no callbackApiKey string: it is not authenticated.";
            }

            var given = Encoding.UTF8.GetBytes(callbackApiKey);
            var matched = false;
            foreach (var key in _accepted)
            {
                matched |= RequestSigner.FixedTimeEquals(given, key);
            }

            return matched ? null : "The callback's callbackApiKey is wrong: it is not authenticated.";
        }
    }
}

/// <summary>Why a callback was refused.</summary>
public enum IdentomatCallbackError
{
    /// <summary>The body is not a readable JSON object: answer 400 and ignore it.</summary>
    Malformed,

    /// <summary>The <c>callbackApiKey</c> is missing or does not match: answer 401 and ignore the body.</summary>
    WrongKey,

    /// <summary>The body is larger than <see cref="IdentomatCallbackParser.MaxBodyBytes"/>: answer 413 and ignore it.</summary>
    TooLarge,
}

/// <summary>A callback was refused: see <see cref="Error"/>. The message never contains the key or the body.</summary>
public sealed class IdentomatCallbackException : IdentomatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the callback was refused.</param>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IdentomatCallbackException(IdentomatCallbackError error, string message, Exception? innerException = null)
        : base(message, innerException) =>
        Error = error;

    /// <summary>Why the callback was refused.</summary>
    public IdentomatCallbackError Error { get; }

    /// <summary>The HTTP status to answer the sender with: 401 for a wrong key, 413 for a body too large, 400 otherwise.</summary>
    public int StatusCode => Error switch
    {
        IdentomatCallbackError.WrongKey => 401,
        IdentomatCallbackError.TooLarge => 413,
        _ => 400,
    };
}

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
    public override string ToString() => $"{GetType().Name} {{ Type = {ServerText.Show(Type)} }}";

    /// <summary>The callback types the SDK knows, by their <c>type</c>: every other type is an <see cref="UnknownCallback"/>.</summary>
    private static readonly Dictionary<string, Func<CallbackFields, JsonElement, string, IdentomatCallback>> Known = new(StringComparer.Ordinal)
    {
        [OneTimePasswordRequestCallback.TypeName] = (fields, raw, key) => new OneTimePasswordRequestCallback(fields, raw, key),
        [ShareSessionLinkViaSmsCallback.TypeName] = (fields, raw, key) => new ShareSessionLinkViaSmsCallback(fields, raw, key),
        [ShareSessionLinkViaEmailCallback.TypeName] = (fields, raw, key) => new ShareSessionLinkViaEmailCallback(fields, raw, key),
        [EmailOneTimePasswordRequestCallback.TypeName] = (fields, raw, key) => new EmailOneTimePasswordRequestCallback(fields, raw, key),
    };

    internal static IdentomatCallback From(CallbackFields fields, JsonElement raw, byte[] deduplicationSecret)
    {
        var create = fields.Type is { } type && Known.TryGetValue(type, out var known) ? known : null;
        var key = CallbackDeduplication.KeyOf(deduplicationSecret, fields, raw, isKnownType: create is not null);
        return create is null ? new UnknownCallback(fields, raw, key) : create(fields, raw, key);
    }
}

/// <summary>
/// A callback asking you to deliver a message yourself (a one-time password, a session link): every known callback
/// type is one. <see cref="Text"/> is the message, ready to send.
/// </summary>
public abstract class MessageCallback : IdentomatCallback
{
    private protected MessageCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey) =>
        Text = fields.Text;

    /// <summary><c>text</c>: the message to send.</summary>
    public string? Text { get; }
}

/// <summary><c>one-time-password-request</c>: send <see cref="MessageCallback.Text"/> (holding the code) by SMS to <see cref="PhoneNumber"/> yourself.</summary>
public sealed class OneTimePasswordRequestCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "one-time-password-request";

    internal OneTimePasswordRequestCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        PhoneNumber = fields.PhoneNumber;
    }

    /// <summary><c>phoneNumber</c>: where to send it.</summary>
    public string? PhoneNumber { get; }
}

/// <summary><c>share-session-link-via-sms</c>: send <see cref="MessageCallback.Text"/> with the session link by SMS yourself.</summary>
public sealed class ShareSessionLinkViaSmsCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "share-session-link-via-sms";

    internal ShareSessionLinkViaSmsCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        PhoneNumber = fields.PhoneNumber;
        SessionLink = fields.SessionLink;
    }

    /// <summary><c>phoneNumber</c>: where to send it.</summary>
    public string? PhoneNumber { get; }

    /// <summary><c>sessionLink</c>: the link to the session.</summary>
    public string? SessionLink { get; }
}

/// <summary>
/// <c>share-session-link-via-email</c>: send the session link by email yourself. The address field's name is not
/// documented; <c>email</c>, <c>emailAddress</c> and <c>email_address</c> are read.
/// </summary>
public sealed class ShareSessionLinkViaEmailCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "share-session-link-via-email";

    internal ShareSessionLinkViaEmailCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        Email = fields.AnyEmail;
        SessionLink = fields.SessionLink;
    }

    /// <summary>The address to send it to.</summary>
    public string? Email { get; }

    /// <summary><c>sessionLink</c>: the link to the session.</summary>
    public string? SessionLink { get; }
}

/// <summary>
/// <c>email-one-time-password-request</c>: send <see cref="MessageCallback.Text"/> (holding the code) by email yourself. The address
/// field's name is not documented; <c>email</c>, <c>emailAddress</c> and <c>email_address</c> are read.
/// </summary>
public sealed class EmailOneTimePasswordRequestCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "email-one-time-password-request";

    internal EmailOneTimePasswordRequestCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        Email = fields.AnyEmail;
    }

    /// <summary>The address to send it to.</summary>
    public string? Email { get; }
}

/// <summary>A callback of a type the SDK does not know (status updates, new events): read <see cref="IdentomatCallback.Raw"/>.</summary>
public sealed class UnknownCallback : IdentomatCallback
{
    internal UnknownCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
    }
}
