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

    /// <summary>What a refusal's message names.</summary>
    private const string Subject = "The callback body";

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
    /// <exception cref="ArgumentException">No key is given, a key or the secret is blank, or one holds a lone surrogate (it is not text).</exception>
    public IdentomatCallbackParser(IEnumerable<string> callbackApiKeys, string deduplicationSecret) =>
        _keys = CallbackKeys.Create(callbackApiKeys, deduplicationSecret);

    /// <summary>Applies new keys to later parses (a configuration reload); parses in flight keep theirs.</summary>
    internal void Update(IEnumerable<string> callbackApiKeys, string deduplicationSecret) =>
        _keys = CallbackKeys.Create(callbackApiKeys, deduplicationSecret);

    /// <summary>The account this parser belongs to (the name given to <c>AddIdentomat</c>), for its exceptions.</summary>
    internal string? Account { get; set; }

    /// <summary>Where the parser of a registered account logs what the vendor sent that the SDK does not model.</summary>
    internal Microsoft.Extensions.Logging.ILogger? Logger { get; set; }

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

        var root = IdentomatCallback.ReadObject(JsonInput.WithoutBom(body).Span, Subject, Malformed);
        var keys = _keys;
        var given = root.TryGetProperty(IdentomatCallback.KeyProperty, out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null;
        if (keys.Authenticate(given) is { } wrong)
        {
            throw Refused(IdentomatCallbackError.WrongKey, wrong);
        }

        var payload = WithoutKey(root);
        return Diagnostics.Drift.Watch(Logger, keys.Secrets, () => IdentomatCallback.From(payload, keys.DeduplicationSecret));
    }

    /// <summary>Authenticates and parses a callback from its raw body.</summary>
    /// <param name="body">The request body as text.</param>
    /// <returns>The typed callback.</returns>
    /// <exception cref="IdentomatCallbackException">The body is refused: see <see cref="IdentomatCallbackException.Error"/>.</exception>
    public IdentomatCallback Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);

        // Every char is at least one UTF-8 byte: a longer string is too large before it is encoded.
        if (body.Length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        return Parse(IdentomatCallback.Utf8(body, Subject, Malformed));
    }

    /// <summary>Reads (at most <see cref="MaxBodyBytes"/>), authenticates and parses a callback body, e.g. <c>HttpRequest.Body</c>.</summary>
    /// <param name="body">The request body stream.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The typed callback.</returns>
    /// <exception cref="IdentomatCallbackException">The body is refused: see <see cref="IdentomatCallbackException.Error"/>.</exception>
    public async Task<IdentomatCallback> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);

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

    /// <summary>The callback's payload: every property but the credential, in its order (the callback's <see cref="IdentomatCallback.Raw"/>).</summary>
    private static JsonElement WithoutKey(JsonElement root)
    {
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject().Where(p => p.Name != IdentomatCallback.KeyProperty))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return JsonSerializer.Deserialize(payload.ToArray(), ResponseJsonContext.Default.JsonElement);
    }

    private Exception Malformed(string message, Exception? cause) => Refused(IdentomatCallbackError.Malformed, message, cause);

    private IdentomatCallbackException TooLarge() =>
        Refused(IdentomatCallbackError.TooLarge, $"The callback body is larger than {MaxBodyBytes} bytes.");

    private IdentomatCallbackException Refused(IdentomatCallbackError error, string message, Exception? innerException = null)
    {
        var refused = new IdentomatCallbackException(error, message, innerException);
        refused.SetAccount(Account);
        return refused;
    }

    /// <summary>The accepted keys and the de-duplication secret of one configuration, as UTF-8 bytes.</summary>
    private sealed class CallbackKeys(byte[][] accepted, byte[] deduplicationSecret, IReadOnlyList<string> secrets)
    {
        private readonly byte[][] _accepted = accepted;

        public byte[] DeduplicationSecret { get; } = deduplicationSecret;

        /// <summary>The same keys as text, which nothing the parser reports may hold.</summary>
        public IReadOnlyList<string> Secrets { get; } = secrets;

        public static CallbackKeys Create(IEnumerable<string> callbackApiKeys, string deduplicationSecret)
        {
            ArgumentNullException.ThrowIfNull(callbackApiKeys);

            var keys = callbackApiKeys.Select(key => string.IsNullOrWhiteSpace(key)
                ? throw new ArgumentException("A callback API key is blank.", nameof(callbackApiKeys))
                : key).ToList();
            var accepted = keys.Select(key => IdentomatCallback.Utf8(key, "A callback API key", Invalid(nameof(callbackApiKeys)))).ToArray();
            if (accepted.Length == 0)
            {
                throw new ArgumentException("The callback API key is required.", nameof(callbackApiKeys));
            }

            if (string.IsNullOrWhiteSpace(deduplicationSecret))
            {
                throw new ArgumentException("The de-duplication secret is required (the account's company key).", nameof(deduplicationSecret));
            }

            var secret = IdentomatCallback.Utf8(deduplicationSecret, "The de-duplication secret", Invalid(nameof(deduplicationSecret)));
            return new CallbackKeys(accepted, secret, [.. keys, deduplicationSecret]);

            // Encoded strictly, as bodies are: a lone surrogate is refused. The encoder's own exception (which names the
            // code unit and its index in the secret) is not kept.
            static Func<string, Exception?, Exception> Invalid(string parameter) => (message, _) => new ArgumentException(message, parameter);
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
