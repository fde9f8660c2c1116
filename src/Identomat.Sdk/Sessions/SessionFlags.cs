using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// Session-wide flags (<c>flags</c> of the <c>begin/</c> request). Every property is optional: an unset property is
/// omitted from the wire and the server default applies; a set one is written even when it equals that default.
/// </summary>
public sealed record SessionFlags : WireObject
{
    private static readonly WireShape<SessionFlags> Wire = new WireShape<SessionFlags>(() => new())
        .Bool("skip_face", x => x.SkipFace, (x, v) => x with { SkipFace = v })
        .Bool("skip_document", x => x.SkipDocument, (x, v) => x with { SkipDocument = v })
        .Add("return_url", WireCodecs.Uri, x => x.ReturnUrl, (x, v) => x with { ReturnUrl = v })
        .Add("language", WireCodecs.Language, x => x.Language, (x, v) => x with { Language = v })
        .Bool("skip_desktop", x => x.SkipDesktop, (x, v) => x with { SkipDesktop = v })
        .Add("switch_device_url", WireCodecs.Uri, x => x.SwitchDeviceUrl, (x, v) => x with { SwitchDeviceUrl = v })
        .Bool("restrict_url_sharing", x => x.RestrictUrlSharing, (x, v) => x with { RestrictUrlSharing = v })
        .Bool("requireHdMedia", x => x.RequireHdMedia, (x, v) => x with { RequireHdMedia = v })
        .Bool("skip_agreement", x => x.SkipAgreement, (x, v) => x with { SkipAgreement = v })
        .Bool("liveness", x => x.ActiveLiveness, (x, v) => x with { ActiveLiveness = v })
        .Add("document_types", WireCodecs.DocumentTypes, x => x.DocumentTypes, (x, v) => x with { DocumentTypes = v })
        .Bool("allow_document_upload", x => x.AllowDocumentUpload, (x, v) => x with { AllowDocumentUpload = v })
        .Bool("allow_general_document_capture", x => x.AllowGeneralDocumentCapture, (x, v) => x with { AllowGeneralDocumentCapture = v })
        .Bool("allow_general_document_upload", x => x.AllowGeneralDocumentUpload, (x, v) => x with { AllowGeneralDocumentUpload = v });

    private readonly IReadOnlyList<DocumentType>? _documentTypes;

    internal static WireCodec<SessionFlags?> Codec { get; } = Wire.Codec();

    /// <summary><c>skip_face</c>: skip the built-in liveness step when the steps define one.</summary>
    /// <value>Server default: false.</value>
    public bool? SkipFace { get; init; }

    /// <summary><c>skip_document</c>: skip the built-in document step when the steps define one.</summary>
    /// <value>Server default: false.</value>
    public bool? SkipDocument { get; init; }

    /// <summary>
    /// <c>return_url</c>: where the widget sends the user when the flow ends. When absent, the session is assumed to
    /// be embedded in an iframe. Must be an absolute <c>http</c> or <c>https</c> URL; written exactly as given.
    /// </summary>
    /// <value>Server default: none.</value>
    public Uri? ReturnUrl { get; init; }

    /// <summary><c>language</c>: the user-interface language.</summary>
    /// <value>Server default: <c>en</c>.</value>
    public LanguageCode? Language { get; init; }

    /// <summary><c>skip_desktop</c>: mobile only; on a desktop the widget shows a QR code to switch device.</summary>
    /// <value>Server default: false.</value>
    public bool? SkipDesktop { get; init; }

    /// <summary>
    /// <c>switch_device_url</c>: the URL in the QR code when the camera is unavailable. Must be an absolute
    /// <c>http</c> or <c>https</c> URL.
    /// </summary>
    /// <value>Server default: none (no QR code).</value>
    public Uri? SwitchDeviceUrl { get; init; }

    /// <summary><c>restrict_url_sharing</c>: bind the session URL to the first browser and device that open it.</summary>
    /// <value>Server default: false.</value>
    public bool? RestrictUrlSharing { get; init; }

    /// <summary><c>requireHdMedia</c>: require a 1080p or better camera for the liveness and document steps.</summary>
    /// <value>Server default: false.</value>
    public bool? RequireHdMedia { get; init; }

    /// <summary>
    /// <c>skip_agreement</c>: skip the terms-and-conditions screen at the start of the flow. Undocumented by the vendor
    /// but sent by most real integrations, its own example app included.
    /// </summary>
    /// <value>Server default: false.</value>
    public bool? SkipAgreement { get; init; }

    /// <summary>
    /// <c>liveness</c> at session level: the older flags format's switch for active liveness. Current flows set
    /// <see cref="LivenessFlags.ActiveLiveness"/> on a <see cref="LivenessStep"/> instead; still seen in real integrations.
    /// </summary>
    /// <value>Server default: false (passive).</value>
    public bool? ActiveLiveness { get; init; }

    /// <summary>
    /// <c>document_types</c> at session level: the older flags format's accepted identity documents. Current flows set
    /// <see cref="IdentityDocumentFlags.DocumentTypes"/> on an <see cref="IdentityDocumentStep"/> instead.
    /// </summary>
    /// <value>Server default: all.</value>
    public IReadOnlyList<DocumentType>? DocumentTypes { get => _documentTypes; init => _documentTypes = Internal.ValueList<DocumentType>.From(value); }

    /// <summary>
    /// <c>allow_document_upload</c> at session level: the older flags format's document upload switch. Current flows
    /// set <see cref="IdentityDocumentFlags.AllowDocumentUpload"/> on an <see cref="IdentityDocumentStep"/> instead.
    /// </summary>
    /// <value>Server default: false.</value>
    public bool? AllowDocumentUpload { get; init; }

    /// <summary>
    /// <c>allow_general_document_capture</c>: the older flags format's switch for capturing a proof-of-address
    /// document with the camera. Current flows add a <see cref="ProofOfAddressStep"/> instead.
    /// </summary>
    /// <value>Server default: false.</value>
    public bool? AllowGeneralDocumentCapture { get; init; }

    /// <summary>
    /// <c>allow_general_document_upload</c>: the older flags format's switch for uploading a proof-of-address document.
    /// Current flows add a <see cref="ProofOfAddressStep"/> instead.
    /// </summary>
    /// <value>Server default: false.</value>
    public bool? AllowGeneralDocumentUpload { get; init; }

    private protected override IWireShape Shape => Wire;
}
