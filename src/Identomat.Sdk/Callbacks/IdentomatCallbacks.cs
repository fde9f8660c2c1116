using System.Text;
using System.Text.Json;
using Identomat.Sdk.Http;

namespace Identomat.Sdk;

/// <summary>
/// Authenticates and parses the vendor's callbacks (webhooks). Callbacks are not signed: their authenticity is the
/// <c>callbackApiKey</c> field, compared in constant time with the key configured in the dashboard. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var callbacks = new IdentomatCallbackParser(configuration["Identomat:CallbackApiKey"]);
/// app.MapPost("/identomat/callback", async (HttpRequest http) =&gt;
/// {
///     var callback = await callbacks.ParseAsync(http.Body, http.HttpContext.RequestAborted);
///     if (callback is OneTimePasswordRequestCallback otp) { await sms.SendAsync(otp.PhoneNumber, otp.Text); }
///     return Results.Ok();
/// });
/// </code>
/// </example>
public sealed class IdentomatCallbackParser
{
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly byte[] _key;

    /// <summary>Creates a parser that accepts callbacks carrying the given key.</summary>
    /// <param name="callbackApiKey">The callback API key configured in the vendor dashboard. A secret: never printed.</param>
    /// <exception cref="ArgumentException">The key is blank.</exception>
    public IdentomatCallbackParser(string callbackApiKey)
    {
        if (string.IsNullOrWhiteSpace(callbackApiKey))
        {
            throw new ArgumentException("The callback API key is required.", nameof(callbackApiKey));
        }

        _key = Encoding.UTF8.GetBytes(callbackApiKey);
    }

    /// <summary>Authenticates and parses a callback from its raw body.</summary>
    /// <param name="body">The request body, as received.</param>
    /// <returns>The typed callback; <see cref="UnknownCallback"/> for a type the SDK does not know.</returns>
    /// <exception cref="IdentomatCallbackException">The body is not a JSON object, or its key is missing or wrong.</exception>
    public IdentomatCallback Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new IdentomatCallbackException(IdentomatCallbackError.Malformed, "The callback body is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new IdentomatCallbackException(IdentomatCallbackError.Malformed, "The callback body is not a JSON object.");
            }

            if (!root.TryGetProperty(IdentomatCallback.KeyProperty, out var key) || key.ValueKind != JsonValueKind.String)
            {
                throw new IdentomatCallbackException(IdentomatCallbackError.WrongKey, "The callback carries no callbackApiKey: it is not authenticated.");
            }

            if (!RequestSigner.FixedTimeEquals(Encoding.UTF8.GetBytes(key.GetString()!), _key))
            {
                throw new IdentomatCallbackException(IdentomatCallbackError.WrongKey, "The callback's callbackApiKey is wrong: it is not authenticated.");
            }

            return IdentomatCallback.From(root);
        }
    }

    /// <summary>Authenticates and parses a callback from its raw body.</summary>
    /// <param name="body">The request body as text.</param>
    /// <returns>The typed callback.</returns>
    /// <exception cref="IdentomatCallbackException">The body is not a JSON object, or its key is missing or wrong.</exception>
    public IdentomatCallback Parse(string body) => Parse(Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body))));

    /// <summary>Reads (at most 1 MiB), authenticates and parses a callback body, e.g. <c>HttpRequest.Body</c>.</summary>
    /// <param name="body">The request body stream.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The typed callback.</returns>
    /// <exception cref="IdentomatCallbackException">The body is too large, not a JSON object, or its key is missing or wrong.</exception>
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
                throw new IdentomatCallbackException(IdentomatCallbackError.Malformed, $"The callback body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>No key.</summary>
    public override string ToString() => "IdentomatCallbackParser { *** }";
}

/// <summary>Why a callback was refused.</summary>
public enum IdentomatCallbackError
{
    /// <summary>The body is not a JSON object.</summary>
    Malformed,

    /// <summary>The <c>callbackApiKey</c> is missing or does not match: answer 401 and ignore the body.</summary>
    WrongKey,
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
}

/// <summary>
/// An authenticated callback from Identomat. The known types are subclasses; others are <see cref="UnknownCallback"/>.
/// <see cref="Raw"/> keeps the whole payload without its <c>callbackApiKey</c>.
/// </summary>
public abstract class IdentomatCallback
{
    internal const string KeyProperty = "callbackApiKey";

    private protected IdentomatCallback(JsonElement root)
    {
        Type = String(root, "type") ?? string.Empty;
        SessionId = String(root, "sessionId");
        Raw = WithoutKey(root);
    }

    /// <summary><c>type</c>: the event type, e.g. <c>one-time-password-request</c>.</summary>
    public string Type { get; }

    /// <summary><c>sessionId</c>: the session the event is about.</summary>
    public string? SessionId { get; }

    /// <summary>The payload as received, without <c>callbackApiKey</c>.</summary>
    public JsonElement Raw { get; }

    /// <summary>The type only: callbacks carry personal data.</summary>
    public override string ToString() => $"{GetType().Name} {{ Type = {Type} }}";

    internal static IdentomatCallback From(JsonElement root) => String(root, "type") switch
    {
        OneTimePasswordRequestCallback.TypeName => new OneTimePasswordRequestCallback(root),
        ShareSessionLinkViaSmsCallback.TypeName => new ShareSessionLinkViaSmsCallback(root),
        ShareSessionLinkViaEmailCallback.TypeName => new ShareSessionLinkViaEmailCallback(root),
        EmailOneTimePasswordRequestCallback.TypeName => new EmailOneTimePasswordRequestCallback(root),
        _ => new UnknownCallback(root),
    };

    private protected static string? String(JsonElement root, params string[] names)
    {
        foreach (var name in names)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    private static JsonElement WithoutKey(JsonElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject().Where(p => p.Name != KeyProperty))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}

/// <summary>
/// A callback asking you to deliver a message yourself (a one-time password, a session link): every known callback
/// type is one. <see cref="Text"/> is the message, ready to send.
/// </summary>
public abstract class MessageCallback : IdentomatCallback
{
    /// <summary>The names an email address is read from: the field's name is not documented.</summary>
    private protected static readonly string[] EmailFields = ["email", "emailAddress", "email_address"];

    private protected MessageCallback(JsonElement root)
        : base(root) =>
        Text = String(root, "text");

    /// <summary><c>text</c>: the message to send.</summary>
    public string? Text { get; }
}

/// <summary><c>one-time-password-request</c>: send <see cref="MessageCallback.Text"/> (holding the code) by SMS to <see cref="PhoneNumber"/> yourself.</summary>
public sealed class OneTimePasswordRequestCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "one-time-password-request";

    internal OneTimePasswordRequestCallback(JsonElement root)
        : base(root)
    {
        PhoneNumber = String(root, "phoneNumber");
    }

    /// <summary><c>phoneNumber</c>: where to send it.</summary>
    public string? PhoneNumber { get; }
}

/// <summary><c>share-session-link-via-sms</c>: send <see cref="MessageCallback.Text"/> with the session link by SMS yourself.</summary>
public sealed class ShareSessionLinkViaSmsCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "share-session-link-via-sms";

    internal ShareSessionLinkViaSmsCallback(JsonElement root)
        : base(root)
    {
        PhoneNumber = String(root, "phoneNumber");
        SessionLink = String(root, "sessionLink");
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

    internal ShareSessionLinkViaEmailCallback(JsonElement root)
        : base(root)
    {
        Email = String(root, EmailFields);
        SessionLink = String(root, "sessionLink");
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

    internal EmailOneTimePasswordRequestCallback(JsonElement root)
        : base(root)
    {
        Email = String(root, EmailFields);
    }

    /// <summary>The address to send it to.</summary>
    public string? Email { get; }
}

/// <summary>A callback of a type the SDK does not know (status updates, new events): read <see cref="IdentomatCallback.Raw"/>.</summary>
public sealed class UnknownCallback : IdentomatCallback
{
    internal UnknownCallback(JsonElement root)
        : base(root)
    {
    }
}
