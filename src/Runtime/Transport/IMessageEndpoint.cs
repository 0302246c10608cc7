namespace TrackerRace.Runtime.Transport;

/// <summary>A node's receiving side.</summary>
public interface IMessageEndpoint
{
    /// <summary>
    /// Takes one message. It must hand the message over (to a mailbox) rather than wait for it to be
    /// handled; for an ask, whoever handles it calls <paramref name="reply"/> once with the answer.
    /// </summary>
    void Receive(Envelope envelope, Action<object?>? reply);
}
