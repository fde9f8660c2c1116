using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>The proof-of-address step (<c>general-document</c>): the user uploads a utility bill, bank statement or similar.</summary>
public sealed record ProofOfAddressStep : Step<ProofOfAddressFlags>
{
    /// <summary>The step's <c>type</c>: <c>general-document</c>.</summary>
    public const string TypeName = "general-document";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>select_general_document</c>.</summary>
    public const string DefaultKey = "select_general_document";

    /// <summary>The title <see cref="SessionBuilder"/> writes when none is given: <c>Proof of address</c>.</summary>
    public const string DefaultTitle = "Proof of address";

    internal static readonly WireShape<ProofOfAddressStep> Wire = FlaggedShape(() => new ProofOfAddressStep(), ProofOfAddressFlags.Codec);

    /// <summary>Creates the step with nothing set.</summary>
    public ProofOfAddressStep()
        : base(TypeName, DefaultKey)
    {
    }

    private protected override IWireShape Shape => Wire;
}

/// <summary>Flags of the <see cref="ProofOfAddressStep"/>.</summary>
public sealed record ProofOfAddressFlags : WireObject
{
    private static readonly WireShape<ProofOfAddressFlags> Wire = new WireShape<ProofOfAddressFlags>(() => new())
        .Add("general_document_types", WireCodecs.GeneralDocumentTypes, x => x.GeneralDocumentTypes, (x, v) => x with { GeneralDocumentTypes = v });

    private readonly IReadOnlyList<GeneralDocumentType>? _generalDocumentTypes;

    internal static WireCodec<ProofOfAddressFlags?> Codec { get; } = Wire.Codec();

    /// <summary><c>general_document_types</c>: the document types accepted; see <see cref="GeneralDocumentType"/>.</summary>
    /// <value>Server default: absent or empty accepts every type.</value>
    public IReadOnlyList<GeneralDocumentType>? GeneralDocumentTypes
    {
        get => _generalDocumentTypes;
        init => _generalDocumentTypes = ValueList<GeneralDocumentType>.From(value);
    }

    private protected override IWireShape Shape => Wire;
}
