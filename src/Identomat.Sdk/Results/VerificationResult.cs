using System.Text;
using System.Text.Json;
using Identomat.Sdk.Internal;
using System.Text.Json.Serialization;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// The outcome of a session, as <c>result/</c> returns it (it can be read while the session is still in progress).
/// Every property is optional; fields the SDK does not know are kept in <see cref="ResultObject.AdditionalProperties"/>.
/// Holds personal data: its <see cref="ToString"/> prints only the status.
/// </summary>
public sealed record VerificationResult : ResultObject
{
    /// <summary><c>result</c>: the outcome; null while the server has none.</summary>
    [JsonPropertyName("result")]
    public VerificationStatus? Status { get; set; }

    /// <summary><c>similarity</c>: face against document photo, 0 to 1; 0 when the flow has no face step.</summary>
    [JsonPropertyName("similarity")]
    public double? Similarity { get; set; }

    /// <summary><c>live</c>: the liveness check passed.</summary>
    [JsonPropertyName("live")]
    public bool? IsLive { get; set; }

    /// <summary><c>document_type</c>: the identity document presented; null when none (the server sends an empty string).</summary>
    [JsonPropertyName("document_type")]
    public DocumentType? DocumentType { get; set; }

    /// <summary><c>reject_reason</c>: why the session was rejected.</summary>
    [JsonPropertyName("reject_reason")]
    public RejectReason? RejectReason { get; set; }

    /// <summary><c>result_comment</c>: the operator's comment.</summary>
    [JsonPropertyName("result_comment")]
    public string? Comment { get; set; }

    /// <summary><c>name</c>: the user's full name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary><c>face_images</c>: how many face images were taken.</summary>
    [JsonPropertyName("face_images")]
    public int? FaceImages { get; set; }

    /// <summary><c>person</c>: the normalized identity read from the document; may be empty.</summary>
    [JsonPropertyName("person")]
    public Person? Person { get; set; }

    /// <summary><c>generalDocuments</c>: proof-of-address and other general documents.</summary>
    [JsonPropertyName("generalDocuments")]
    public IReadOnlyList<GeneralDocument>? GeneralDocuments { get; set; }

    /// <summary><c>id_card_front</c>: the raw OCR fields of the document's front (open-ended: <c>Given_Names_en_US</c>, <c>mrz</c>, …).</summary>
    [JsonPropertyName("id_card_front")]
    public IReadOnlyDictionary<string, JsonElement>? IdCardFront { get; set; }

    /// <summary><c>id_card_back</c>: the raw OCR fields of the document's back.</summary>
    [JsonPropertyName("id_card_back")]
    public IReadOnlyDictionary<string, JsonElement>? IdCardBack { get; set; }

    /// <summary><c>suggested</c>: values the server suggests (open-ended).</summary>
    [JsonPropertyName("suggested")]
    public IReadOnlyDictionary<string, JsonElement>? Suggested { get; set; }

    /// <summary><c>technicalDetails</c>: where the user connected from.</summary>
    [JsonPropertyName("technicalDetails")]
    public TechnicalDetails? TechnicalDetails { get; set; }

    /// <summary><c>configId</c>: the saved configuration used, if any.</summary>
    [JsonPropertyName("configId")]
    public string? ConfigId { get; set; }

    /// <summary><c>trustedDatabaseRecord</c>: the record found in a trusted database, as sent.</summary>
    [JsonPropertyName("trustedDatabaseRecord")]
    public JsonElement? TrustedDatabaseRecord { get; set; }

    /// <summary><c>questionnaires</c>: the answers to the session's questionnaires.</summary>
    [JsonPropertyName("questionnaires")]
    public IReadOnlyList<QuestionnaireAnswers>? Questionnaires { get; set; }

    /// <summary><c>screeningMatches</c>: AML screening hits.</summary>
    [JsonPropertyName("screeningMatches")]
    public IReadOnlyList<ScreeningMatch>? ScreeningMatches { get; set; }

    /// <summary>The status only: the result holds personal data.</summary>
    public override string ToString() => $"VerificationResult {{ Status = {Status?.Value ?? "(none)"} }}";

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
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        try
        {
            return Read(Encoding.UTF8.GetBytes(json)) ?? throw new IdentomatException("The text is not a result object.");
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
    internal static VerificationResult? Read(ReadOnlyMemory<byte> utf8Json)
    {
        utf8Json = JsonInput.Repair(utf8Json);
        var reader = new Utf8JsonReader(utf8Json.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            ? JsonSerializer.Deserialize(utf8Json.Span, IdentomatJsonContext.Default.VerificationResult)
            : null;
    }

    /// <summary>The result as JSON in the server's format: unset values omitted, unknown fields written back.</summary>
    /// <returns>Compact JSON text. It holds personal data: store it as such.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, IdentomatJsonContext.Default.VerificationResult);
}

/// <summary><c>reject_reason</c> of a result.</summary>
public sealed record RejectReason : ResultObject
{
    /// <summary><c>value</c>: a machine-readable reason, e.g. <c>face_mismatch</c>; empty unless rejected.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary><c>description</c>: the reason for a person.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"RejectReason {{ Value = {Value} }}";
}

/// <summary><c>technicalDetails</c> of a result: personal data (an IP address), never printed.</summary>
public sealed record TechnicalDetails : ResultObject
{
    /// <summary><c>remoteAddress</c>: the user's IP address.</summary>
    [JsonPropertyName("remoteAddress")]
    public string? RemoteAddress { get; set; }

    /// <summary><c>userAgent</c>: the user's browser.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; set; }

    /// <summary><c>countryCode</c>: the country the user connected from.</summary>
    [JsonPropertyName("countryCode")]
    public string? CountryCode { get; set; }

    /// <summary>No values: they are personal data.</summary>
    public override string ToString() => "TechnicalDetails { (redacted) }";
}

/// <summary>One AML screening hit (<c>screeningMatches[]</c>).</summary>
public sealed record ScreeningMatch : ResultObject
{
    /// <summary><c>score</c>: how well the record matches.</summary>
    [JsonPropertyName("score")]
    public double? Score { get; set; }

    /// <summary><c>name</c>: the matched person's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary><c>personId</c>: the matched record's id in the screening database.</summary>
    [JsonPropertyName("personId")]
    public string? PersonId { get; set; }

    /// <summary><c>reviewStatus</c>: the review state of the hit.</summary>
    [JsonPropertyName("reviewStatus")]
    public string? ReviewStatus { get; set; }

    /// <summary>The score and review state only.</summary>
    public override string ToString() => $"ScreeningMatch {{ Score = {Score}, ReviewStatus = {ReviewStatus} }}";
}
