namespace Identomat.Sdk;

/// <summary>The geolocation step (<c>geolocation</c>): the browser asks the user to share their location.</summary>
public sealed record GeolocationStep : Step<GeolocationFlags>
{
    /// <summary>The step's <c>type</c>: <c>geolocation</c>.</summary>
    public const string TypeName = "geolocation";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>require_geolocation</c>.</summary>
    public const string DefaultKey = "require_geolocation";

    /// <summary>Creates the step with nothing set.</summary>
    public GeolocationStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="GeolocationStep"/>.</summary>
public sealed record GeolocationFlags : WireObject
{

    /// <summary><c>require_geolocation</c>: the user must grant location access to go on.</summary>
    /// <value>Server default: <b>true</b>.</value>
    [JsonPropertyName("require_geolocation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequireGeolocation { get; init; }
}
