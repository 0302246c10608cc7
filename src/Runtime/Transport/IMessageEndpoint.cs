namespace TrackerRace.Runtime.Transport;

/// <summary>A node's receiving side.</summary>
public interface IMessageEndpoint
{
    /// <summary>Handles one message; the returned value is the reply to an ask (ignored for a tell).</summary>
    Task<object?> ReceiveAsync(Envelope envelope);
}
