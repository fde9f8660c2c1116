namespace Identomat.Sdk.Http;

/// <summary>
/// Each operation's reader of a successful answer that passed <see cref="AnswerChecks"/>: every body is parsed once,
/// into the shape its operation returns; a bare error-code string is its typed error, and the answer shapes of the
/// other operations (a session token, a result, a media answer) are refused, however genuine their signature.
/// </summary>
internal static class AnswerReaders
{
    /// <summary>The wire names of a result object's fields, from its metadata: an answer to <c>delete/</c> holding one is a result.</summary>
    private static readonly HashSet<string> ResultFields = new(
        ResponseJsonContext.Default.VerificationResult.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name),
        StringComparer.Ordinal);

    private const string ArgumentError = "argumentError";

    /// <summary><c>begin/</c>: a bare JSON string of printable ASCII is the session token (unless it is an error code).</summary>
    public static string SessionToken(Answer answer, CallContext call)
    {
        string? token;
        try
        {
            token = JsonSerializer.Deserialize(answer.Json.Span, ResponseJsonContext.Default.String);
        }
        catch (JsonException ex)
        {
            throw AnswerErrors.Unexpected(answer, call, "JSON", ex);
        }

        ThrowIfErrorCode(answer, call, token);
        // A token is printable ASCII: one that is not (a lone surrogate read as U+FFFD, a control character) is not used.
        return string.IsNullOrWhiteSpace(token) || token!.Any(c => c is < '!' or > '~')
            ? throw AnswerErrors.Unexpected(answer, call, "a session token (a JSON string of printable ASCII)")
            : token!;
    }

    /// <summary><c>result/</c>: a result object (read leniently), or an error code.</summary>
    public static VerificationResult Result(Answer answer, CallContext call)
    {
        const string Expected = "a result object";
        if (IsString(answer))
        {
            // An error code is its typed error; any other string is refused below as not the expected object.
            ThrowIfErrorCode(answer, call, ReadString(answer, call, Expected));
        }

        VerificationResult result;
        try
        {
            result = VerificationResult.ReadRepaired(answer.Json) ?? throw AnswerErrors.Unexpected(answer, call, Expected);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw AnswerErrors.Unexpected(answer, call, Expected, ex);
        }

        return result.AdditionalProperties.ContainsKey(ArgumentError)
            ? throw AnswerErrors.Unexpected(answer, call, "a result object, not a media answer")
            : result.WithAnswer(answer.Body!, ResponseHeaders.SignatureOf(answer.Response));
    }

    /// <summary>
    /// A media endpoint: the streamed bytes (declared no larger than <see cref="IdentomatClientOptions.MaxMediaBytes"/>;
    /// verified as they are read when signing is on), or <c>{"argumentError": …}</c> when the session has none.
    /// </summary>
    public static IdentomatMedia Media(Answer answer, CallContext call)
    {
        const string Expected = "media or an argumentError object";
        var options = call.Options;
        if (answer.Stream is { } stream)
        {
            var content = answer.Response.Content.Headers;
            if (content.ContentLength > options.MaxMediaBytes)
            {
                throw new IdentomatApiException(
                    $"Identomat {call.Call.Name}: the media is declared as {content.ContentLength} bytes, " +
                    $"more than MaxMediaBytes ({options.MaxMediaBytes}); nothing was read.",
                    call.Call.Name, answer.Response.StatusCode, errorCode: null, call.Attempts, responseBodyExcerpt: null);
            }

            var verified = MediaStream.Open(
                stream, call.Signer?.IncrementalVerifiers(), ResponseHeaders.SignatureOf(answer.Response), content.ContentLength, options.MaxMediaBytes,
                call.Call.Name, options.MediaReadTimeout, call.CallerToken);
            verified.Account = options.AccountName;
            return new IdentomatMedia(verified, MediaTypes.Safe(content.ContentType?.MediaType), content.ContentLength, answer);
        }

        if (IsString(answer))
        {
            // An error code is its typed error; any other string is refused below as not the expected object.
            ThrowIfErrorCode(answer, call, ReadString(answer, call, Expected));
        }

        // {"argumentError": …}: usually a string, kept whole otherwise (the last of duplicate names, as everywhere).
        JsonElement unavailable;
        try
        {
            unavailable = JsonSerializer.Deserialize(answer.Json.Span, ResponseJsonContext.Default.JsonElement);
        }
        catch (JsonException ex)
        {
            throw AnswerErrors.Unexpected(answer, call, Expected, ex);
        }

        return unavailable.ValueKind == JsonValueKind.Object && unavailable.TryGetProperty("argumentError", out var reason)
            ? IdentomatMedia.Unavailable(
                reason.ValueKind switch { JsonValueKind.String => reason.GetString(), JsonValueKind.Null => null, _ => reason.GetRawText() })
            : throw AnswerErrors.Unexpected(answer, call, Expected);
    }

    /// <summary>
    /// <c>delete/</c>: its answer is undocumented, so a successful one counts as done when it is empty or JSON of any
    /// kind, except an error code and the answers of the other operations: a session token (a <c>begin/</c> answer),
    /// a result object, a media answer.
    /// </summary>
    public static bool Deleted(Answer answer, CallContext call)
    {
        if (answer.Body is not { } body || body.All(ResponseBody.IsJsonWhiteSpace))
        {
            return true;
        }

        JsonElement confirmation;
        try
        {
            confirmation = JsonSerializer.Deserialize(answer.Json.Span, ResponseJsonContext.Default.JsonElement);
        }
        catch (JsonException ex)
        {
            throw AnswerErrors.Unexpected(answer, call, "an empty body or JSON", ex);
        }

        if (confirmation.ValueKind == JsonValueKind.String)
        {
            ThrowIfErrorCode(answer, call, confirmation.GetString());
        }

        var refused = confirmation.ValueKind switch
        {
            JsonValueKind.String when IsSessionToken(confirmation.GetString()!) => "not a session token",
            JsonValueKind.Object when confirmation.EnumerateObject().Any(p => ResultFields.Contains(p.Name)) => "not a result object",
            JsonValueKind.Object when confirmation.TryGetProperty(ArgumentError, out _) => "not a media answer",
            _ => null,
        };

        return refused is null ? true : throw AnswerErrors.Unexpected(answer, call, "an empty body or a JSON confirmation, " + refused);
    }

    /// <summary>Whether the body is a bare JSON string (its first significant byte is a quote).</summary>
    private static bool IsString(Answer answer) => answer.Body!.SkipWhile(ResponseBody.IsJsonWhiteSpace).Take(1).Contains((byte)'"');

    private static string? ReadString(Answer answer, CallContext call, string expected)
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Json.Span, ResponseJsonContext.Default.String);
        }
        catch (JsonException ex)
        {
            throw AnswerErrors.Unexpected(answer, call, expected, ex);
        }
    }

    private static void ThrowIfErrorCode(Answer answer, CallContext call, string? text)
    {
        if (text is not null && AnswerErrors.IsCode(text, answer.Body!.Length))
        {
            throw AnswerErrors.For(answer, call, text);
        }
    }

    /// <summary>The shape of a session token (tokens are 40 lower-case letters and digits): never a confirmation of deletion.</summary>
    private static bool IsSessionToken(string text) => text.Length >= 20 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
