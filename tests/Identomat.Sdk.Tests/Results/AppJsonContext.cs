using System.Text.Json.Serialization;

namespace Identomat.Sdk.Tests.Results;

/// <summary>An application's own source-generated context can hold the SDK's results (its converters are public).</summary>
[JsonSerializable(typeof(VerificationResult))]
[JsonSerializable(typeof(IdentomatSession))]
internal sealed partial class AppJsonContext : JsonSerializerContext
{
}
