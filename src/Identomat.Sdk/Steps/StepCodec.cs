using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>Reads and writes steps by their <c>type</c>.</summary>
internal static class StepCodec
{
    public static readonly WireCodec<IReadOnlyList<Step>?> List = WireCodecs.ListOf(new PolymorphicCodec<Step>(
        new(StringComparer.Ordinal)
        {
            [LanguageStep.TypeName] = (e, c, p) => LanguageStep.Wire.Read(e, c, p),
            [IdentityDocumentStep.TypeName] = (e, c, p) => IdentityDocumentStep.Wire.Read(e, c, p),
            [LivenessStep.TypeName] = (e, c, p) => LivenessStep.Wire.Read(e, c, p),
            [ProofOfAddressStep.TypeName] = (e, c, p) => ProofOfAddressStep.Wire.Read(e, c, p),
            [SelfieWithIdStep.TypeName] = (e, c, p) => SelfieWithIdStep.Wire.Read(e, c, p),
            [VideoCallStep.TypeName] = (e, c, p) => VideoCallStep.Wire.Read(e, c, p),
            [PhoneNumberStep.TypeName] = (e, c, p) => PhoneNumberStep.Wire.Read(e, c, p),
            [EmailStep.TypeName] = (e, c, p) => EmailStep.Wire.Read(e, c, p),
            [GeolocationStep.TypeName] = (e, c, p) => GeolocationStep.Wire.Read(e, c, p),
            [UserQuestionnaireStep.TypeName] = (e, c, p) => UserQuestionnaireStep.Wire.Read(e, c, p),
            [OperatorQuestionnaireStep.TypeName] = (e, c, p) => OperatorQuestionnaireStep.Wire.Read(e, c, p),
        },
        (e, c, p) => UnknownStep.Wire.Read(e, c, p)));
}
