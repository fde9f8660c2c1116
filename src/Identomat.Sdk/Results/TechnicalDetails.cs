namespace Identomat.Sdk;

/// <summary><c>technicalDetails</c> of a result: personal data (an IP address), never printed.</summary>
public sealed record TechnicalDetails : ResultObject
{
    /// <summary><c>remoteAddress</c>: the user's IP address.</summary>
    [JsonPropertyName("remoteAddress")]
    public string? RemoteAddress { get; init; }

    /// <summary><c>userAgent</c>: the user's browser.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    /// <summary><c>countryCode</c>: the country the user connected from.</summary>
    [JsonPropertyName("countryCode")]
    public string? CountryCode { get; init; }

    /// <summary>No values: they are personal data.</summary>
    public override string ToString() => "TechnicalDetails { (redacted) }";
}
