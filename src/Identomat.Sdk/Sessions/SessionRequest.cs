using Identomat.Sdk.Validation;

namespace Identomat.Sdk;

/// <summary>
/// The body of <c>begin/</c>: a verification flow and the session's parameters, without the <c>company_key</c>, which
/// the client adds from its options. Build one with <see cref="SessionBuilder"/>, with object initializers, or read
/// one from JSON with <see cref="FromJson"/>.
/// </summary>
/// <example>
/// <code>
/// var request = new SessionRequest
/// {
///     Flags = new SessionFlags { Language = LanguageCode.English },
///     Steps = [new IdentityDocumentStep(), new LivenessStep()],
///     ClientUserId = "user-42",
/// };
/// string json = request.ToJson();
/// </code>
/// </example>
public sealed record SessionRequest : WireObject
{
    private readonly IReadOnlyList<Step>? _steps;

    /// <summary>Creates an empty request.</summary>
    public SessionRequest()
    {
    }

    /// <summary><c>flags</c>: session-wide flags.</summary>
    /// <value>Null by default (omitted).</value>
    [JsonPropertyName(WireNames.Flags), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(WireObjectJsonConverterFactory))]
    public SessionFlags? Flags { get; init; }

    /// <summary><c>steps</c>: the flow's steps, in order. Step keys must be unique across the session.</summary>
    /// <value>Null by default (omitted; the vendor's default flow, or the saved one named by <see cref="ConfigId"/>, applies).</value>
    [JsonPropertyName(WireNames.Steps), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Step>? Steps { get => _steps; init => _steps = ValueList<Step>.From(value); }

    /// <summary><c>config_id</c>: a flow saved in the vendor dashboard; <see cref="Steps"/> then override its matching steps.</summary>
    [JsonPropertyName("config_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConfigId { get; init; }

    /// <summary><c>parent_session_id</c>: create a child session of this one (multi-participant video call).</summary>
    [JsonPropertyName("parent_session_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParentSessionId { get; init; }

    /// <summary><c>name</c>: a label shown in the dashboard until the user is verified.</summary>
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary><c>clientUserId</c>: your own identifier of the user.</summary>
    [JsonPropertyName("clientUserId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientUserId { get; init; }

    /// <summary><c>groupId</c>: the group of operators that may take the session's video call.</summary>
    [JsonPropertyName("groupId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GroupId { get; init; }

    /// <summary><c>scheduleStartTime</c>: the session cannot be used before this time. Written in UTC with milliseconds.</summary>
    [JsonPropertyName(WireNames.ScheduleStartTime), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(UtcTimeJsonConverter))]
    public DateTimeOffset? ScheduleStartTime { get; init; }

    /// <summary><c>scheduleEndTime</c>: the session cannot be used after this time; must be later than <see cref="ScheduleStartTime"/>.</summary>
    [JsonPropertyName(WireNames.ScheduleEndTime), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(UtcTimeJsonConverter))]
    public DateTimeOffset? ScheduleEndTime { get; init; }

    /// <summary>
    /// Reads a flow from its wire JSON (for example one kept in a configuration file). Unknown step and question types
    /// and unknown properties are kept, so writing it again with <see cref="ToJson"/> gives the same JSON. A
    /// <c>company_key</c> in the input is ignored: the client adds its own. The result is not validated; call
    /// <see cref="Validate"/>.
    /// </summary>
    /// <param name="json">The JSON text of a <c>begin/</c> body.</param>
    /// <returns>The request.</returns>
    /// <exception cref="IdentomatValidationException">
    /// The text is not JSON, or a value has the wrong JSON kind (the first such value, with its JSON path;
    /// <see cref="Validate"/> then lists every rule a readable flow breaks).
    /// </exception>
    public static SessionRequest FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        byte[] utf8;
        try
        {
            utf8 = JsonInput.StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException ex)
        {
            throw new IdentomatValidationException(
                new[] { new ValidationError("$", $"the text holds a lone surrogate (half of a UTF-16 pair) at character {ex.Index}") }, ex);
        }

        return Read(utf8);
    }

    /// <summary>
    /// The problems that would stop this request from being sent: every client-side invariant of the wire format,
    /// each with its JSON path. Empty when the request is valid.
    /// </summary>
    /// <returns>The problems, in document order.</returns>
    /// <remarks>
    /// Nothing is remembered between calls: a request is checked again whenever it is written or sent, whatever happened
    /// to it in between (a serializer's populate mode, for one, can change a record that was valid).
    /// </remarks>
    public IReadOnlyList<ValidationError> Validate() => SessionValidator.Validate(this);

    /// <summary>
    /// What in this flow is probably a mistake without being an error: step and question types the SDK does not know
    /// (forward-compatible, so still sent), each with its path and, when one is likely, the known type meant
    /// (<c>face</c> → <c>liveness</c>, <c>document</c> → <c>identity-document</c>, typos). Warnings never block
    /// <see cref="SessionBuilder.Build"/> or sending; <c>BeginSessionAsync</c> logs them at Warning level.
    /// </summary>
    /// <returns>The warnings, in document order; empty when there are none.</returns>
    public IReadOnlyList<ValidationWarning> GetWarnings() => FlowWarnings.Find(this);

    /// <summary>The wire JSON of this request, without <c>company_key</c>. Validates first.</summary>
    /// <returns>Compact JSON text.</returns>
    /// <exception cref="IdentomatValidationException">The request is invalid; nothing was serialized.</exception>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());

    /// <summary>Validates, then writes the flow's JSON once (without any credential: see <c>Http.RequestBody</c>).</summary>
    internal byte[] ToUtf8Json()
    {
        var errors = Validate();
        return errors.Count > 0 ? throw new IdentomatValidationException(errors) : RequestJson.Write(this);
    }

    internal static SessionRequest Read(ReadOnlyMemory<byte> utf8Json)
    {
        utf8Json = JsonInput.WithoutBom(utf8Json);
        if (JsonInput.FindProblem(utf8Json.Span, refuseDuplicates: true, out var malformed) is { } problem)
        {
            throw new IdentomatValidationException(new[] { problem }, JsonInput.WithoutServerText(malformed));
        }

        var request = RequestJson.Read(utf8Json.Span);
        if (request.AdditionalProperties?.ContainsKey(Http.RequestBody.CompanyKeyName) == true)
        {
            var rest = request.AdditionalProperties.Where(p => p.Key != Http.RequestBody.CompanyKeyName).ToList();
            request = request with { AdditionalProperties = rest.Count > 0 ? RawProperties.From(rest) : null };
        }

        return request;
    }
}
