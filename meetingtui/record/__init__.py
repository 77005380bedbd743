"""Durable storage of the meeting's events: the record file, its lock, and a follower."""

from meetingtui.record.follow import RecordFollower
from meetingtui.record.store import MeetingRecord, Recovered, recover_copy

__all__ = ["MeetingRecord", "RecordFollower", "Recovered", "recover_copy"]
