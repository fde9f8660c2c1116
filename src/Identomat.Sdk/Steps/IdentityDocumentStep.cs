using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

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

    internal static readonly WireShape<IdentityDocumentStep> Wire = FlaggedShape(() => new IdentityDocumentStep(), IdentityDocumentFlags.Codec);

    /// <summary>Creates the step with nothing set.</summary>
    public IdentityDocumentStep()
        : base(TypeName, DefaultKey)
    {
    }

    private protected override IWireShape Shape => Wire;
}

/// <summary>Flags of the <see cref="IdentityDocumentStep"/>.</summary>
public sealed record IdentityDocumentFlags : WireObject
{
    private static readonly WireShape<IdentityDocumentFlags> Wire = new WireShape<IdentityDocumentFlags>(() => new())
        .Bool("disable_document_capture", x => x.DisableDocumentCapture, (x, v) => x with { DisableDocumentCapture = v })
        .Bool("allow_document_upload", x => x.AllowDocumentUpload, (x, v) => x with { AllowDocumentUpload = v })
        .Add("document_types", WireCodecs.DocumentTypes, x => x.DocumentTypes, (x, v) => x with { DocumentTypes = v })
        .Add("document_countries", WireCodecs.Strings, x => x.DocumentCountries, (x, v) => x with { DocumentCountries = v })
        .Bool("optional_continue_on_another_device", x => x.OptionalContinueOnAnotherDevice, (x, v) => x with { OptionalContinueOnAnotherDevice = v });

    private readonly IReadOnlyList<DocumentType>? _documentTypes;
    private readonly IReadOnlyList<string>? _documentCountries;

    internal static WireCodec<IdentityDocumentFlags?> Codec { get; } = Wire.Codec();

    /// <summary><c>disable_document_capture</c>: no live scanning; the user can only upload images of the document.</summary>
    /// <value>Server default: false.</value>
    public bool? DisableDocumentCapture { get; init; }

    /// <summary><c>allow_document_upload</c>: offer uploading the document as well as scanning it.</summary>
    /// <value>Server default: false.</value>
    public bool? AllowDocumentUpload { get; init; }

    /// <summary><c>document_types</c>: the document types accepted; see <see cref="DocumentType"/> for known values.</summary>
    /// <value>Server default: all types.</value>
    public IReadOnlyList<DocumentType>? DocumentTypes { get => _documentTypes; init => _documentTypes = ValueList<DocumentType>.From(value); }

    /// <summary>
    /// <c>document_countries</c>: the issuing countries accepted, as ISO 3166-1 alpha-3 codes (<c>USA</c>, <c>DEU</c>).
    /// Validation requires exactly three upper-case letters A–Z each; lower-case codes are rejected, not rewritten.
    /// </summary>
    /// <value>Server default: unrestricted.</value>
    public IReadOnlyList<string>? DocumentCountries { get => _documentCountries; init => _documentCountries = ValueList<string>.From(value); }

    /// <summary><c>optional_continue_on_another_device</c>: let the user switch to another device for this step.</summary>
    /// <value>Server default: false.</value>
    public bool? OptionalContinueOnAnotherDevice { get; init; }

    private protected override IWireShape Shape => Wire;
}
