namespace Identomat.Sdk;

/// <summary>The media a session can hold.</summary>
public enum MediaKind
{
    /// <summary>The identity card's front (<c>result/card-front/</c>).</summary>
    CardFront,

    /// <summary>The identity card's back (<c>result/card-back/</c>).</summary>
    CardBack,

    /// <summary>The passport page (<c>result/passport/</c>).</summary>
    Passport,

    /// <summary>The face image (<c>result/face/</c>).</summary>
    Face,

    /// <summary>The liveness video (<c>result/face-video/</c>).</summary>
    FaceVideo,
}
