namespace Identomat.Sdk;

/// <summary>
/// Settings of an <see cref="IdentomatClient"/>. Bindable from configuration (a section with these property names).
/// <see cref="ToString"/> masks the keys.
/// </summary>
public sealed class IdentomatClientOptions
{
    /// <summary>The names of the settings, as configuration keys: any other key in a bound section is an error.</summary>
    internal static readonly string[] SettingNames =
    [
        nameof(CompanyKey), nameof(SecretKey), nameof(PreviousSecretKey), nameof(CallbackApiKeys), nameof(BaseAddress),
        nameof(WidgetBaseAddress), nameof(AttemptTimeout), nameof(TotalTimeout), nameof(MediaReadTimeout), nameof(MaxRetries),
        nameof(RetryBaseDelay), nameof(MaxRetryAfter), nameof(RetryBeginSessionAfterSend), nameof(MaxMediaBytes),
        nameof(PropagateTraceContext), nameof(AccountName),
    ];

    /// <summary>The default of <see cref="MaxMediaBytes"/>: 128 MiB.</summary>
    public const long DefaultMaxMediaBytes = 128L * 1024 * 1024;

    /// <summary>
    /// The ranges of the numeric settings, each written once: <see cref="Validate"/> checks them and names them in its
    /// messages, and a test checks that each setting's documentation states the same range. The timeouts' range is the
    /// one Polly's timeout strategy accepts: a value outside it would pass here and fail construction.
    /// </summary>
    internal static readonly SettingRange[] Ranges =
    [
        Timeout(nameof(AttemptTimeout), o => o.AttemptTimeout),
        Timeout(nameof(TotalTimeout), o => o.TotalTimeout),
        Timeout(nameof(MediaReadTimeout), o => o.MediaReadTimeout),
        new(nameof(MaxRetries), "0 to 10", o => o.MaxRetries is >= 0 and <= 10, o => o.MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new(
            nameof(RetryBaseDelay),
            "zero to 1 minute",
            o => o.RetryBaseDelay >= TimeSpan.Zero && o.RetryBaseDelay <= TimeSpan.FromMinutes(1),
            o => Show(o.RetryBaseDelay)),
        new(
            nameof(MaxRetryAfter),
            "zero to 1 day",
            o => o.MaxRetryAfter >= TimeSpan.Zero && o.MaxRetryAfter <= TimeSpan.FromDays(1),
            o => Show(o.MaxRetryAfter)),
        new(
            nameof(MaxMediaBytes),
            "1024 (1 KiB) to 4294967296 (4 GiB)",
            o => o.MaxMediaBytes is >= 1024 and <= 4L * 1024 * 1024 * 1024,
            o => o.MaxMediaBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The production server API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://widget.identomat.com/external-api/");

    /// <summary>The production end-user widget.</summary>
    public static readonly Uri DefaultWidgetBaseAddress = new("https://widget.identomat.com/");

    /// <summary>The account credential, sent as <c>company_key</c> in every request body. Required. A secret: never logged.</summary>
    public string? CompanyKey { get; set; }

    /// <summary>
    /// The account's HMAC key, when request signing is enabled for it: every request is signed and every successful
    /// response's signature verified. A secret: never logged.
    /// </summary>
    /// <value>Default: null (no signing).</value>
    public string? SecretKey { get; set; }

    /// <summary>
    /// The account's previous HMAC key, during a rotation: responses signed with it are still accepted (requests are
    /// signed with <see cref="SecretKey"/> only). Remove it once the vendor signs with the new key. A secret: never logged.
    /// </summary>
    /// <value>Default: null.</value>
    public string? PreviousSecretKey { get; set; }

    /// <summary>
    /// The callback API keys the <see cref="IdentomatCallbackParser"/> registered by <c>AddIdentomat</c> accepts: the
    /// current key and, during a rotation, the previous one. Secrets: never logged.
    /// </summary>
    /// <value>Default: empty (resolving the registered parser then fails, naming this setting).</value>
    public IList<string> CallbackApiKeys { get; set; } = new List<string>();

    /// <summary>
    /// The server API's base address. Must be HTTPS, except on a loopback host (for tests); no query string, fragment
    /// or user-info. A missing trailing slash is added (<c>…/external-api</c> is read as <c>…/external-api/</c>), so the
    /// operations resolve under it rather than beside it.
    /// </summary>
    /// <value>Default: <c>https://widget.identomat.com/external-api/</c>.</value>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>
    /// The end-user widget's base address, for <see cref="IdentomatSession.WidgetUrl"/> (<c>{address}?session_token=…</c>).
    /// Same rules as <see cref="BaseAddress"/>: HTTPS, no query string, fragment or user-info.
    /// </summary>
    /// <value>Default: <c>https://widget.identomat.com/</c>.</value>
    public Uri WidgetBaseAddress { get; set; } = DefaultWidgetBaseAddress;

    /// <summary>The longest one attempt (one HTTP request and its response body) may take.</summary>
    /// <value>Default: 30 seconds. Range: 10 ms to 1 day, and at most <see cref="TotalTimeout"/>.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest an operation may take, every attempt and backoff delay included (not reading a media stream: see
    /// <see cref="MediaReadTimeout"/>).
    /// </summary>
    /// <value>Default: 100 seconds. Range: 10 ms to 1 day.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The longest a read of a media stream (<see cref="IdentomatMedia.Content"/>) may wait for the next bytes. A server
    /// that stops sending, or drips a byte at a time slower than this, fails the read with
    /// <see cref="IdentomatTimeoutException"/>. Reads also end when the token given to <c>GetMediaAsync</c> is canceled.
    /// </summary>
    /// <value>Default: 30 seconds. Range: 10 ms to 1 day.</value>
    public TimeSpan MediaReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a failed request is retried (transport failures, 408, 429, 500, 502, 503, 504).</summary>
    /// <value>Default: 3. Range: 0 to 10.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    /// <value>Default: 1 second. Range: zero to 1 minute.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest <c>Retry-After</c> the SDK waits for. When the server asks for longer, the operation fails at once
    /// with <see cref="IdentomatRateLimitException"/> carrying the requested delay.
    /// </summary>
    /// <value>Default: 30 seconds. Range: zero to 1 day. A wait that would outlast <see cref="TotalTimeout"/> is never waited for either.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether <c>begin/</c> may be retried after the request may have reached the server (a 5xx, 408 or 429 answer, a
    /// dropped connection, a timeout). Off by default because such a retry can create a second session; without it,
    /// <c>begin/</c> is retried only when the request provably never left (connection refused, DNS failure).
    /// </summary>
    /// <value>Default: false.</value>
    public bool RetryBeginSessionAfterSend { get; set; }

    /// <summary>
    /// The most bytes a media stream (<see cref="IdentomatMedia.Content"/>) hands out. A body declared larger fails
    /// <c>GetMediaAsync</c> at once; one that turns out larger fails the read that would pass the limit, with
    /// <see cref="IdentomatApiException"/>. The SDK never asks for compressed answers, so the bytes counted are the bytes
    /// received.
    /// </summary>
    /// <value>
    /// Default: 128 MiB (134,217,728 bytes): a liveness video of a few seconds is a few megabytes, and a minute of
    /// 1080p video at 15 Mbit/s is about 112 MB, so a genuine video stays well inside it while a hostile body cannot fill
    /// a disk or a buffer. Range: 1024 (1 KiB) to 4294967296 (4 GiB).
    /// </value>
    public long MaxMediaBytes { get; set; } = DefaultMaxMediaBytes;

    /// <summary>
    /// Whether each request carries a W3C <c>traceparent</c> header naming the operation's activity, so that a trace can
    /// be followed into the vendor. Off by default: nothing of your application's tracing crosses to the vendor. Never
    /// sent either way: <c>baggage</c> (which may hold user ids or e-mail addresses), <c>tracestate</c>,
    /// <c>Request-Id</c> or <c>Correlation-Context</c> from your application's activities.
    /// </summary>
    /// <value>Default: false.</value>
    public bool PropagateTraceContext { get; set; }

    /// <summary>
    /// A name for this account in exceptions (<see cref="IdentomatException.Account"/>) and log scopes
    /// (<c>identomat.account</c>), so that an application with several accounts knows which one a failure belongs to.
    /// Never a key: it is printed.
    /// </summary>
    /// <value>
    /// Default: null; for a client registered with <c>AddIdentomat(name, …)</c>, that name. Range: 1 to 64 printable
    /// characters, and none of the keys.
    /// </value>
    public string? AccountName { get; set; }

    /// <summary>Every problem with these settings; empty when they are usable. Never includes the keys' values.</summary>
    /// <returns>The problems, one sentence each, naming the setting.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(CompanyKey))
        {
            errors.Add("CompanyKey is required: set it to the company key of your Identomat account." +
                (BoundFromEmptySection is { } section
                    ? $" The settings were bound from {section}, which is missing or empty: check the section's name."
                    : string.Empty));
        }

        // A blank secret never turns signing off: on .NET 8, configuration reads a JSON null as "", so a blank value is
        // as likely a mistake as a wish.
        if (SecretKey is not null && string.IsNullOrWhiteSpace(SecretKey))
        {
            errors.Add("SecretKey is blank: set the account's secret key, or remove the setting " +
                "(null, not \"\"; .NET 8 configuration reads a JSON null as blank) if the account does not sign.");
        }

        if (PreviousSecretKey is not null && (string.IsNullOrWhiteSpace(PreviousSecretKey) || SecretKey is null))
        {
            errors.Add("PreviousSecretKey is set without a SecretKey, or is blank: " +
                "it only widens verification during a rotation to a new SecretKey; remove the setting otherwise.");
        }

        if (CallbackApiKeys is not null && CallbackApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("CallbackApiKeys holds a blank key.");
        }

        // Encoded as UTF-8, half of a surrogate pair becomes U+FFFD: the server would be sent (or the MAC keyed by) another key.
        (string Name, string? Value)[] keys =
        [
            (nameof(CompanyKey), CompanyKey), (nameof(SecretKey), SecretKey), (nameof(PreviousSecretKey), PreviousSecretKey),
            .. (CallbackApiKeys ?? []).Select(k => (nameof(CallbackApiKeys), (string?)k)),
        ];
        errors.AddRange(keys.Where(k => k.Value is not null && Internal.PrintableText.HasLoneSurrogate(k.Value)).Select(k => k.Name).Distinct()
            .Select(name => $"{name} holds a lone surrogate (half of a UTF-16 pair), which is not text: it would reach Identomat as another key."));

        CheckAddress(BaseAddress, nameof(BaseAddress), errors);
        CheckAddress(WidgetBaseAddress, nameof(WidgetBaseAddress), errors);
        errors.AddRange(Ranges.Where(r => !r.InRange(this)).Select(r => $"{r.Name} must be from {r.Text}; it is {r.Value(this)}."));
        if (AttemptTimeout > TotalTimeout)
        {
            errors.Add($"AttemptTimeout ({Show(AttemptTimeout)}) must be at most TotalTimeout ({Show(TotalTimeout)}).");
        }

        if (AccountName is not null
            && (string.IsNullOrWhiteSpace(AccountName) || AccountName.Length > 64 || AccountName.Any(c => char.IsControl(c) || char.IsSurrogate(c))))
        {
            errors.Add("AccountName must be 1 to 64 printable characters.");
        }
        else if (AccountName is not null && new[] { CompanyKey, SecretKey, PreviousSecretKey }.Concat(CallbackApiKeys ?? []).Contains(AccountName))
        {
            errors.Add("AccountName is one of the keys: it is printed in errors and logs, so choose a name that is not a secret.");
        }

        return errors;
    }

    /// <summary>The settings with both keys masked; addresses without user-info, query or fragment.</summary>
    public override string ToString() =>
        $"IdentomatClientOptions {{ CompanyKey = {Mask(CompanyKey)}, SecretKey = {Mask(SecretKey)}, PreviousSecretKey = {Mask(PreviousSecretKey)}, " +
        $"CallbackApiKeys = {CallbackApiKeys?.Count ?? 0} key(s), BaseAddress = {Canonical(BaseAddress)}, " +
        $"WidgetBaseAddress = {Canonical(WidgetBaseAddress)}, AttemptTimeout = {Show(AttemptTimeout)}, TotalTimeout = {Show(TotalTimeout)}, " +
        $"MediaReadTimeout = {Show(MediaReadTimeout)}, MaxRetries = {MaxRetries}, " +
        $"RetryBaseDelay = {Show(RetryBaseDelay)}, MaxRetryAfter = {Show(MaxRetryAfter)}, RetryBeginSessionAfterSend = {RetryBeginSessionAfterSend}, " +
        $"MaxMediaBytes = {MaxMediaBytes}, PropagateTraceContext = {PropagateTraceContext}, " +
        $"AccountName = {AccountName ?? "(none)"} }}";

    /// <summary>Set by configuration binding when the bound section was missing or empty: named in the validation message.</summary>
    internal string? BoundFromEmptySection { get; set; }

    internal IdentomatClientOptions Clone()
    {
        var copy = (IdentomatClientOptions)MemberwiseClone();
        copy.CallbackApiKeys = new List<string>(CallbackApiKeys ?? []);
        return copy;
    }

    /// <summary>An address as scheme, host, non-default port and path only: never user-info, a query or a fragment.</summary>
    internal static string? Canonical(Uri? address) =>
        address is null ? null
        : address.IsAbsoluteUri ? address.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : "(relative)";

    /// <summary>The address with a trailing slash, so relative operation paths resolve beneath it.</summary>
    internal static Uri AsDirectory(Uri address)
    {
        var canonical = Canonical(address)!;
        return new Uri(canonical.EndsWith("/", StringComparison.Ordinal) ? canonical : canonical + "/");
    }

    private static SettingRange Timeout(string name, Func<IdentomatClientOptions, TimeSpan> value) => new(
        name,
        "10 ms to 1 day",
        o => value(o) >= TimeSpan.FromMilliseconds(10) && value(o) <= TimeSpan.FromDays(1),
        o => Show(value(o)) + (value(o) >= TimeSpan.FromDays(1) && value(o).Ticks % TimeSpan.TicksPerDay == 0
            ? " (a bare number is read as days: write 00:00:30 for 30 seconds)"
            : string.Empty));

    private static string Mask(string? secret) => secret is null ? "(none)" : "***";

    private static string Show(TimeSpan value) => Internal.Durations.Show(value);

    private static void CheckAddress(Uri? address, string name, List<string> errors)
    {
        if (address is null || !address.IsAbsoluteUri)
        {
            errors.Add($"{name} must be an absolute URL.");
        }
        else if (address.UserInfo.Length > 0 || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            // Never echo the value: user-info is a credential, and a query may hold one.
            errors.Add($"{name} must not contain user-info, a query string or a fragment; " +
                "give the scheme, host and path only (for example https://widget.identomat.com/external-api/).");
        }
        else if (address.Scheme != Uri.UriSchemeHttps && !(address.Scheme == Uri.UriSchemeHttp && address.IsLoopback))
        {
            errors.Add($"{name} must use HTTPS (plain HTTP is allowed only for a loopback host such as localhost); it is {address.Scheme}://{address.Host}.");
        }
    }
}

/// <summary>The range of one numeric setting: its name, the range as documented, the check, and the value as shown.</summary>
internal sealed record SettingRange(string Name, string Text, Func<IdentomatClientOptions, bool> InRange, Func<IdentomatClientOptions, string> Value);
