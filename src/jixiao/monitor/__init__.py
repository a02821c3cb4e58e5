"""Monitoring during the year (绩效运行监控): money against the spending plan, indicators against targets."""

from jixiao.monitor.engine import MonitorReport, Signal, Thresholds, monitor

__all__ = ["MonitorReport", "Signal", "Thresholds", "monitor"]
