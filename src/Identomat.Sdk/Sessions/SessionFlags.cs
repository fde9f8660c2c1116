namespace Identomat.Sdk;

/// <summary>
/// Session-wide flags (<c>flags</c> of the <c>begin/</c> request). Every property is optional: an unset property is
/// omitted from the wire and the server default applies; a set one is written even when it equals that default.
/// </summary>
public sealed record SessionFlags : WireObject
{

    private readonly IReadOnlyList<DocumentType>? _documentTypes;

    /// <summary><c>skip_face</c>: skip the built-in liveness step when the steps define one.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("skip_face"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SkipFace { get; init; }

    /// <summary><c>skip_document</c>: skip the built-in document step when the steps define one.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("skip_document"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SkipDocument { get; init; }

    /// <summary>
    /// <c>return_url</c>: where the widget sends the user when the flow ends. When absent, the session is assumed to
    /// be embedded in an iframe. Must be an absolute <c>http</c> or <c>https</c> URL; written exactly as given.
    /// </summary>
    /// <value>Server default: none.</value>
    [JsonPropertyName(WireNames.ReturnUrl), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Uri? ReturnUrl { get; init; }

    /// <summary><c>language</c>: the user-interface language.</summary>
    /// <value>Server default: <c>en</c>.</value>
    [JsonPropertyName("language"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LanguageCode? Language { get; init; }

    /// <summary><c>skip_desktop</c>: mobile only; on a desktop the widget shows a QR code to switch device.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("skip_desktop"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SkipDesktop { get; init; }

    /// <summary>
    /// <c>switch_device_url</c>: the URL in the QR code when the camera is unavailable. Must be an absolute
    /// <c>http</c> or <c>https</c> URL.
    /// </summary>
    /// <value>Server default: none (no QR code).</value>
    [JsonPropertyName(WireNames.SwitchDeviceUrl), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Uri? SwitchDeviceUrl { get; init; }

    /// <summary><c>restrict_url_sharing</c>: bind the session URL to the first browser and device that open it.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("restrict_url_sharing"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RestrictUrlSharing { get; init; }

    /// <summary><c>requireHdMedia</c>: require a 1080p or better camera for the liveness and document steps.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("requireHdMedia"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequireHdMedia { get; init; }

    /// <summary>
    /// <c>skip_agreement</c>: skip the terms-and-conditions screen at the start of the flow. Undocumented by the vendor
    /// but sent by most real integrations, its own example app included.
    /// </summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("skip_agreement"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SkipAgreement { get; init; }

    /// <summary>
    /// <c>liveness</c> at session level: the older flags format's switch for active liveness. Current flows set
    /// <see cref="LivenessFlags.ActiveLiveness"/> on a <see cref="LivenessStep"/> instead; still seen in real integrations.
    /// </summary>
    /// <value>Server default: false (passive).</value>
    [JsonPropertyName("liveness"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ActiveLiveness { get; init; }

    /// <summary>
    /// <c>document_types</c> at session level: the older flags format's accepted identity documents. Current flows set
    /// <see cref="IdentityDocumentFlags.DocumentTypes"/> on an <see cref="IdentityDocumentStep"/> instead.
    /// </summary>
    /// <value>Server default: all.</value>
    [JsonPropertyName("document_types"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DocumentType>? DocumentTypes { get => _documentTypes; init => _documentTypes = Internal.ValueList<DocumentType>.From(value); }

    /// <summary>
    /// <c>allow_document_upload</c> at session level: the older flags format's document upload switch. Current flows
    /// set <see cref="IdentityDocumentFlags.AllowDocumentUpload"/> on an <see cref="IdentityDocumentStep"/> instead.
    /// </summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("allow_document_upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowDocumentUpload { get; init; }

    /// <summary>
    /// <c>allow_general_document_capture</c>: the older flags format's switch for capturing a proof-of-address
    /// document with the camera. Current flows add a <see cref="ProofOfAddressStep"/> instead.
    /// </summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("allow_general_document_capture"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowGeneralDocumentCapture { get; init; }

    /// <summary>
    /// <c>allow_general_document_upload</c>: the older flags format's switch for uploading a proof-of-address document.
    /// Current flows add a <see cref="ProofOfAddressStep"/> instead.
    /// </summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("allow_general_document_upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowGeneralDocumentUpload { get; init; }
}
