namespace Identomat.Sdk;

/// <summary>
/// The outcome of a session, as <c>result/</c> returns it (it can be read while the session is still in progress).
/// Every property is optional; fields the SDK does not know are kept in <see cref="ResultObject.AdditionalProperties"/>.
/// Holds personal data: its <see cref="ToString"/> prints only the status.
/// </summary>
public sealed record VerificationResult : ResultObject
{
    private JsonValueBox _trustedDatabaseRecord;

    private IReadOnlyList<ScreeningMatch>? _screeningMatches;

    private IReadOnlyList<QuestionnaireAnswers>? _questionnaires;

    private IReadOnlyList<GeneralDocument>? _legacyGeneralDocuments;

    /// <summary><c>result</c>: the outcome; null while the server has none.</summary>
    [JsonPropertyName("result")]
    public VerificationStatus? Status { get; init; }

    /// <summary>
    /// How far the verification has come: <see cref="VerificationStage.InProgress"/> while there is no status (or one
    /// the SDK does not know), <see cref="VerificationStage.InReview"/> when the user's part is over and an operator
    /// reviews it, <see cref="VerificationStage.Final"/> once approved or rejected. "Not yet" is this value, never an
    /// exception.
    /// </summary>
    [JsonIgnore]
    public VerificationStage Stage => Status?.Stage ?? VerificationStage.InProgress;

    /// <summary><c>similarity</c>: face against document photo, 0 to 1; 0 when the flow has no face step.</summary>
    [JsonPropertyName("similarity")]
    public double? Similarity { get; init; }

    /// <summary><c>live</c>: the liveness check passed.</summary>
    [JsonPropertyName("live")]
    public bool? IsLive { get; init; }

    /// <summary><c>document_type</c>: the identity document presented; null when none (the server sends an empty string).</summary>
    [JsonPropertyName("document_type")]
    public DocumentType? DocumentType { get; init; }

    /// <summary><c>reject_reason</c>: why the session was rejected; its <see cref="RejectReason.Value"/> is null when it was not.</summary>
    [JsonPropertyName("reject_reason")]
    [JsonConverter(typeof(LenientObjectJsonConverter<RejectReason>))]
    public RejectReason? RejectReason { get; init; }

    /// <summary><c>result_comment</c>: the operator's comment.</summary>
    [JsonPropertyName("result_comment")]
    public string? Comment { get; init; }

    /// <summary><c>name</c>: the user's full name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>face_images</c>: how many face images were taken.</summary>
    [JsonPropertyName("face_images")]
    public int? FaceImages { get; init; }

    /// <summary><c>person</c>: the normalized identity read from the document; may be empty.</summary>
    [JsonPropertyName("person")]
    [JsonConverter(typeof(LenientObjectJsonConverter<Person>))]
    public Person? Person { get; init; }

    private IReadOnlyList<GeneralDocument>? _generalDocuments;
    private AnswerBox _answer;

    /// <summary>
    /// <c>generalDocuments</c>: proof-of-address and other general documents. Older answers send them as
    /// <c>general_document</c>; either is read here (the current key wins when both are sent), and each is written
    /// back under the key it came with.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<GeneralDocument>? GeneralDocuments
    {
        get => _generalDocuments ?? LegacyGeneralDocuments;
        init
        {
            _generalDocuments = Internal.ValueList<GeneralDocument>.From(value);
            LegacyGeneralDocuments = null;
        }
    }

    /// <summary>
    /// The exact bytes of the <c>result/</c> answer this result was read from (or the text given to
    /// <see cref="FromJson"/>), before any normalization: what a compliance archive should store, with
    /// <see cref="ResponseSignature"/>. Empty for a result built in code. Takes no part in equality.
    /// </summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> RawJson => _answer.Body ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// The answer's signature header (<c>signature="…"</c>) when signing is on: store it with <see cref="RawJson"/> and
    /// check the pair later with <see cref="IdentomatSignatures.Verify"/>. Takes no part in equality.
    /// </summary>
    [JsonIgnore]
    public string? ResponseSignature => _answer.Signature;

    [JsonInclude]
    [JsonPropertyName("generalDocuments")]
    [JsonConverter(typeof(LenientListJsonConverter<GeneralDocument>))]
    internal IReadOnlyList<GeneralDocument>? CurrentGeneralDocuments
    {
        get => _generalDocuments;
        set => _generalDocuments = Internal.ValueList<GeneralDocument>.From(value);
    }

    [JsonInclude]
    [JsonPropertyName("general_document")]
    [JsonConverter(typeof(LenientListJsonConverter<GeneralDocument>))]
    internal IReadOnlyList<GeneralDocument>? LegacyGeneralDocuments
    {
        get => _legacyGeneralDocuments;
        set => _legacyGeneralDocuments = Internal.ValueList<GeneralDocument>.From(value);
    }

    /// <summary><c>id_card_front</c>: the raw OCR fields of the document's front (open-ended: <c>Given_Names_en_US</c>, <c>mrz</c>, …).</summary>
    [JsonPropertyName("id_card_front")]
    public IReadOnlyDictionary<string, JsonElement>? IdCardFront { get; init; }

    /// <summary><c>id_card_back</c>: the raw OCR fields of the document's back.</summary>
    [JsonPropertyName("id_card_back")]
    public IReadOnlyDictionary<string, JsonElement>? IdCardBack { get; init; }

    /// <summary><c>suggested</c>: values the server suggests (open-ended).</summary>
    [JsonPropertyName("suggested")]
    public IReadOnlyDictionary<string, JsonElement>? Suggested { get; init; }

    /// <summary><c>technicalDetails</c>: where the user connected from.</summary>
    [JsonPropertyName("technicalDetails")]
    [JsonConverter(typeof(LenientObjectJsonConverter<TechnicalDetails>))]
    public TechnicalDetails? TechnicalDetails { get; init; }

    /// <summary><c>configId</c>: the saved configuration used, if any.</summary>
    [JsonPropertyName("configId")]
    public string? ConfigId { get; init; }

    /// <summary><c>trustedDatabaseRecord</c>: the record found in a trusted database, as sent.</summary>
    [JsonPropertyName("trustedDatabaseRecord")]
    public JsonElement? TrustedDatabaseRecord { get => _trustedDatabaseRecord.Value; init => _trustedDatabaseRecord = new JsonValueBox(value); }

    /// <summary><c>questionnaires</c>: the answers to the session's questionnaires.</summary>
    [JsonPropertyName("questionnaires")]
    [JsonConverter(typeof(LenientListJsonConverter<QuestionnaireAnswers>))]
    public IReadOnlyList<QuestionnaireAnswers>? Questionnaires
    {
        get => _questionnaires;
        init => _questionnaires = Internal.ValueList<QuestionnaireAnswers>.From(value);
    }

    /// <summary><c>screeningMatches</c>: AML screening hits.</summary>
    [JsonPropertyName("screeningMatches")]
    [JsonConverter(typeof(LenientListJsonConverter<ScreeningMatch>))]
    public IReadOnlyList<ScreeningMatch>? ScreeningMatches
    {
        get => _screeningMatches;
        init => _screeningMatches = Internal.ValueList<ScreeningMatch>.From(value);
    }

    /// <summary>The status only: the result holds personal data.</summary>
    public override string ToString() => $"VerificationResult {{ Status = {Internal.PrintableText.Show(Status?.Value) ?? "(none)"} }}";

    /// <summary>
    /// Reads a result from the JSON <c>result/</c> returns, e.g. one you stored for audit. As tolerant as the client:
    /// unknown fields are kept, values of the wrong kind and non-finite numbers read as null, invalid text (invalid
    /// UTF-8, lone surrogates) reads as U+FFFD, and of a property repeated in one object the last wins. Whatever is
    /// read can be written back with <see cref="ToJson"/>.
    /// </summary>
    /// <param name="json">A result object.</param>
    /// <returns>The result.</returns>
    /// <exception cref="IdentomatException">The text is not a JSON object.</exception>
    public static VerificationResult FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            return (Read(bytes) ?? throw new IdentomatException("The text is not a result object.")).WithAnswer(bytes, signature: null);
        }
        catch (JsonException ex)
        {
            throw new IdentomatException("The text is not a result object: malformed JSON.", ex);
        }
    }

    /// <summary>
    /// Reads a result object straight from UTF-8 bytes; null when the root is not an object. Invalid UTF-8 and lone
    /// surrogates are read as U+FFFD (see <see cref="JsonInput.Repair"/>), so whatever is accepted can be written back.
    /// </summary>
    /// <exception cref="JsonException">The bytes are not JSON, or nest deeper than 64 levels.</exception>
    internal static VerificationResult? Read(ReadOnlyMemory<byte> utf8Json) => ReadRepaired(JsonInput.Repair(utf8Json));

    /// <summary>Reads a result object from UTF-8 bytes already made readable by <see cref="JsonInput.Repair"/>; null when the root is not an object.</summary>
    /// <exception cref="JsonException">The bytes are not JSON, or nest deeper than 64 levels.</exception>
    internal static VerificationResult? ReadRepaired(ReadOnlyMemory<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            ? JsonSerializer.Deserialize(utf8Json.Span, ResponseJsonContext.Default.VerificationResult)
            : null;
    }

    /// <summary>Keeps the answer's exact bytes and signature with the result.</summary>
    internal VerificationResult WithAnswer(byte[] body, string? signature)
    {
        _answer = new AnswerBox(body, signature);
        return this;
    }

    /// <summary>
    /// The result as JSON in the server's format: unset values omitted, unknown fields written back. This is the SDK's
    /// normalization; to keep what the server said, store <see cref="RawJson"/>.
    /// </summary>
    /// <returns>Compact JSON text. It holds personal data: store it as such.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, ResponseJsonContext.Default.VerificationResult);
}
