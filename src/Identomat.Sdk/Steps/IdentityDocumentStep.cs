namespace Identomat.Sdk;

/// <summary>The identity-document step (<c>identity-document</c>): the user scans or uploads an identity document.</summary>
public sealed record IdentityDocumentStep : Step<IdentityDocumentFlags>
{
    /// <summary>The step's <c>type</c>: <c>identity-document</c>.</summary>
    public const string TypeName = "identity-document";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>identity-document</c>.</summary>
    public const string DefaultKey = "identity-document";

    /// <summary>The title <see cref="SessionBuilder"/> writes when none is given: <c>ID verification</c>.</summary>
    public const string DefaultTitle = "ID verification";

    /// <summary>Creates the step with nothing set.</summary>
    public IdentityDocumentStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="IdentityDocumentStep"/>.</summary>
public sealed record IdentityDocumentFlags : WireObject
{

    private readonly IReadOnlyList<DocumentType>? _documentTypes;
    private readonly IReadOnlyList<string>? _documentCountries;

    /// <summary><c>disable_document_capture</c>: no live scanning; the user can only upload images of the document.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("disable_document_capture"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DisableDocumentCapture { get; init; }

    /// <summary><c>allow_document_upload</c>: offer uploading the document as well as scanning it.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("allow_document_upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowDocumentUpload { get; init; }

    /// <summary><c>document_types</c>: the document types accepted; see <see cref="DocumentType"/> for known values.</summary>
    /// <value>Server default: all types.</value>
    [JsonPropertyName("document_types"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DocumentType>? DocumentTypes { get => _documentTypes; init => _documentTypes = ValueList<DocumentType>.From(value); }

    /// <summary>
    /// <c>document_countries</c>: the issuing countries accepted, as ISO 3166-1 alpha-3 codes (<c>USA</c>, <c>DEU</c>).
    /// Validation requires exactly three upper-case letters A–Z each; lower-case codes are rejected, not rewritten.
    /// </summary>
    /// <value>Server default: unrestricted.</value>
    [JsonPropertyName(WireNames.DocumentCountries), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? DocumentCountries { get => _documentCountries; init => _documentCountries = ValueList<string>.From(value); }

    /// <summary><c>optional_continue_on_another_device</c>: let the user switch to another device for this step.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("optional_continue_on_another_device"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? OptionalContinueOnAnotherDevice { get; init; }
}
