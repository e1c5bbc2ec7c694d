// The reference point for isolation overhead: an empty Swift program that imports Foundation,
// built the same way as benchboard. Spawning and reaping it is the floor any worker pays.
import Foundation

_ = ProcessInfo.processInfo.processIdentifier
