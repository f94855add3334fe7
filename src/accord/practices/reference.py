"""The 34 ITIL 4 management practices: reference data seeded by a data migration.

Aliases are earlier names users still write ("change control" became "change enablement").
"""

from accord.practices.choices import PracticeCategory

GENERAL = PracticeCategory.GENERAL.value
SERVICE = PracticeCategory.SERVICE.value
TECHNICAL = PracticeCategory.TECHNICAL.value

PRACTICES: list[tuple[str, str, str, list[str]]] = [
    ('architecture-management', 'Architecture management', GENERAL, []),
    ('continual-improvement', 'Continual improvement', GENERAL, []),
    ('information-security-management', 'Information security management', GENERAL, []),
    ('knowledge-management', 'Knowledge management', GENERAL, []),
    ('measurement-and-reporting', 'Measurement and reporting', GENERAL, []),
    ('organizational-change-management', 'Organizational change management', GENERAL, []),
    ('portfolio-management', 'Portfolio management', GENERAL, []),
    ('project-management', 'Project management', GENERAL, []),
    ('relationship-management', 'Relationship management', GENERAL, []),
    ('risk-management', 'Risk management', GENERAL, []),
    ('service-financial-management', 'Service financial management', GENERAL, []),
    ('strategy-management', 'Strategy management', GENERAL, []),
    ('supplier-management', 'Supplier management', GENERAL, []),
    ('workforce-and-talent-management', 'Workforce and talent management', GENERAL, []),
    ('availability-management', 'Availability management', SERVICE, []),
    ('business-analysis', 'Business analysis', SERVICE, []),
    ('capacity-and-performance-management', 'Capacity and performance management', SERVICE, []),
    ('change-enablement', 'Change enablement', SERVICE, ['change-control']),
    ('incident-management', 'Incident management', SERVICE, []),
    ('it-asset-management', 'IT asset management', SERVICE, []),
    ('monitoring-and-event-management', 'Monitoring and event management', SERVICE, []),
    ('problem-management', 'Problem management', SERVICE, []),
    ('release-management', 'Release management', SERVICE, []),
    ('service-catalogue-management', 'Service catalogue management', SERVICE, []),
    ('service-configuration-management', 'Service configuration management', SERVICE, []),
    ('service-continuity-management', 'Service continuity management', SERVICE, []),
    ('service-design', 'Service design', SERVICE, []),
    ('service-desk', 'Service desk', SERVICE, []),
    ('service-level-management', 'Service level management', SERVICE, []),
    ('service-request-management', 'Service request management', SERVICE, []),
    ('service-validation-and-testing', 'Service validation and testing', SERVICE, []),
    ('deployment-management', 'Deployment management', TECHNICAL, []),
    ('infrastructure-and-platform-management', 'Infrastructure and platform management', TECHNICAL, []),
    ('software-development-and-management', 'Software development and management', TECHNICAL, []),
]
